using System.Text.Json;
using LivechatFunctions.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LivechatFunctions.Perf;

/// <summary>
/// The app in this process, called the way the worker's ASP.NET Core integration calls it: a real
/// <see cref="HttpRequest"/> in, the <see cref="IActionResult"/> executed into the response body.
/// </summary>
internal static class FunctionInvoker
{
    // Neither is read by the function's results; sharing them keeps their allocation out of the figures.
    private static readonly RouteData EmptyRouteData = new();
    private static readonly ActionDescriptor EmptyActionDescriptor = new();
    private static readonly FunctionContext Context = new PerfFunctionContext();

    /// <summary>The app's services against the store at <paramref name="endpoint"/>, changed by <paramref name="customise"/>.</summary>
    public static ServiceProvider CreateServices(Uri endpoint, string accountKey, Action<IServiceCollection> customise)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cosmos:AccountEndpoint"] = endpoint.AbsoluteUri,
            ["Cosmos:AccountKey"] = accountKey,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLivechatSearch(configuration);
        services.AddSingleton<SearchChatsFunction>();
        customise(services);
        return services.BuildServiceProvider();
    }

    /// <summary>Runs one GET through the function and its result; returns the response status code.</summary>
    public static async Task<int> InvokeAsync(SearchChatsFunction function, string queryString, string userId, string token, string roomId, string visitorId, Stream responseBody)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Get;
        http.Request.QueryString = new QueryString(queryString);
        http.Request.Headers["X-User-Id"] = userId;
        http.Request.Headers["X-Auth-Token"] = token;
        http.Response.Body = responseBody;
        var result = await function.SearchChats(http.Request, roomId, visitorId, Context);
        await result.ExecuteResultAsync(new ActionContext(http, EmptyRouteData, EmptyActionDescriptor));
        return http.Response.StatusCode;
    }

    /// <summary>The <c>count</c> and <c>total</c> of an answer's body, or <c>null</c> when it is not a page.</summary>
    public static (int Count, long Total)? ReadPage(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return (document.RootElement.GetProperty("count").GetInt32(), document.RootElement.GetProperty("total").GetInt64());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The part of an invocation the function reads: its id, for log lines on the error paths.</summary>
    private sealed class PerfFunctionContext : FunctionContext
    {
        public override string InvocationId => "perf-invocation";

        public override string FunctionId => nameof(SearchChatsFunction.SearchChats);

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext => throw new NotSupportedException();

        public override RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; } = new ServiceCollection().BuildServiceProvider();

        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

        public override IInvocationFeatures Features => throw new NotSupportedException();
    }
}
