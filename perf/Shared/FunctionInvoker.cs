using LivechatFunctions.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;

namespace LivechatFunctions.Perf;

/// <summary>
/// Calls <see cref="SearchChatsFunction"/> the way the worker's ASP.NET Core integration does: a real
/// <see cref="HttpRequest"/> in, the <see cref="IActionResult"/> executed into the response body.
/// </summary>
internal static class FunctionInvoker
{
    // Neither is read by the function's results; sharing them keeps their allocation out of the figures.
    private static readonly RouteData EmptyRouteData = new();
    private static readonly ActionDescriptor EmptyActionDescriptor = new();
    private static readonly FunctionContext Context = new PerfFunctionContext();

    public static DefaultHttpContext CreateGet(string queryString, string userId, string token, Stream responseBody)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Get;
        http.Request.QueryString = new QueryString(queryString);
        http.Request.Headers["X-User-Id"] = userId;
        http.Request.Headers["X-Auth-Token"] = token;
        http.Response.Body = responseBody;
        return http;
    }

    /// <summary>Runs the function and its result; returns the response status code.</summary>
    public static async Task<int> InvokeAsync(SearchChatsFunction function, DefaultHttpContext http, string roomId, string visitorId)
    {
        var result = await function.SearchChats(http.Request, roomId, visitorId, Context);
        await result.ExecuteResultAsync(new ActionContext(http, EmptyRouteData, EmptyActionDescriptor));
        return http.Response.StatusCode;
    }

    /// <summary>The part of an invocation the function reads: its id, for log lines on the error paths.</summary>
    private sealed class PerfFunctionContext : FunctionContext
    {
        public override string InvocationId => "perf-invocation";

        public override string FunctionId => nameof(SearchChatsFunction.SearchChats);

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext => throw new NotSupportedException();

        public override RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; } = EmptyServices.Instance;

        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

        public override IInvocationFeatures Features => throw new NotSupportedException();
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
