using System.Diagnostics;
using System.Text;
using LivechatFunctions.Functions;
using LivechatFunctions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Cosmos;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moq;

namespace LivechatFunctions.Reliability.Tests.Harness;

/// <summary>A request as a caller writes it: path values, raw query string and headers (repeats allowed).</summary>
/// <param name="RoomId">The path's room id, as the route hands it to the function (already decoded).</param>
/// <param name="VisitorId">The path's visitor id.</param>
/// <param name="Query">The raw query string, without '?'.</param>
/// <param name="Headers">Header lines in order; a name may repeat.</param>
public sealed record CallerRequest(string RoomId, string VisitorId, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public static CallerRequest As(LoginFixture? login, string roomId, string visitorId, string query = "") =>
        new(roomId, visitorId, query, LoginHeaders(login?.UserId, login?.Token));

    public static IReadOnlyList<KeyValuePair<string, string>> LoginHeaders(string? userId, string? token) =>
        [.. new[] { ("X-User-Id", userId), ("X-Auth-Token", token) }.Where(h => h.Item2 is not null).Select(h => KeyValuePair.Create(h.Item1, h.Item2!))];
}

/// <summary>
/// The app wired as Program.cs wires it (<see cref="LivechatServiceCollectionExtensions.AddLivechatSearch"/> over
/// configuration), calling the function class with real ASP.NET Core requests, as the worker does. Two things
/// differ: every log entry goes to <see cref="Log"/>, and the Cosmos client's HTTP transport is
/// <see cref="Faults"/>' (same client options, handlers and retry settings as the app's own factory gives).
/// </summary>
public sealed class InProcessApp : IAsyncDisposable
{
    /// <summary>No single call in these tests may take longer: a hang fails the test instead of the run.</summary>
    public static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(60);

    private readonly ServiceProvider _services;
    private readonly SearchChatsFunction _function;

    private InProcessApp(ServiceProvider services, CapturedLog log, StoreFaults faults)
    {
        _services = services;
        Log = log;
        Faults = faults;
        _function = services.GetRequiredService<SearchChatsFunction>();
        Options = services.GetRequiredService<IOptions<CosmosOptions>>().Value;
    }

    public CapturedLog Log { get; }

    public StoreFaults Faults { get; }

    /// <summary>The Cosmos settings in force (request timeout, throttling retries).</summary>
    public CosmosOptions Options { get; }

    public static InProcessApp Create(LocalStore store, IReadOnlyDictionary<string, string?>? settings = null, CapturedLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(store.Settings)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        log ??= new CapturedLog();
        var faults = new StoreFaults();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(log))
            .AddLivechatSearch(configuration);

        // Registered after the app's own: the same options and request handlers, with the fault-injecting transport.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CosmosOptions>>().Value;
            var clientOptions = CosmosClientFactory.CreateClientOptions(options, new Uri(options.AccountEndpoint));
            foreach (var handler in sp.GetServices<RequestHandler>())
            {
                clientOptions.CustomHandlers.Add(handler);
            }

            clientOptions.HttpClientFactory = faults.CreateHttpClient;
            return new CosmosClient(options.AccountEndpoint, options.AccountKey, clientOptions);
        });
        services.AddSingleton<SearchChatsFunction>();
        return new InProcessApp(services.BuildServiceProvider(validateScopes: true), log, faults);
    }

    /// <summary>Sends one request through the function class and runs its result, as the worker would.</summary>
    public async Task<Answer> SendAsync(CallerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = new DefaultHttpContext { RequestServices = _services };
        http.Request.Method = "GET";
        http.Request.QueryString = new QueryString(request.Query.Length == 0 ? string.Empty : "?" + request.Query);
        foreach (var (name, value) in request.Headers)
        {
            http.Request.Headers.Append(name, value);
        }

        var body = new MemoryStream();
        http.Response.Body = body;
        var invocationId = "rel-" + Guid.NewGuid().ToString("N");
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InvocationId).Returns(invocationId);

        var clock = Stopwatch.StartNew();
        var result = await _function.SearchChats(http.Request, request.RoomId, request.VisitorId, context.Object).WaitAsync(CallLimit);
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        clock.Stop();

        var headers = http.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new Answer(http.Response.StatusCode, headers, Encoding.UTF8.GetString(body.ToArray()), clock.Elapsed, invocationId);
    }

    public Task<Answer> GetAsync(LoginFixture? login, string roomId, string visitorId, string query = "") =>
        SendAsync(CallerRequest.As(login, roomId, visitorId, query));

    public async ValueTask DisposeAsync()
    {
        Faults.Clear();
        await _services.DisposeAsync();
        Faults.Dispose();
    }
}
