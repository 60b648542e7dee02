using System.Diagnostics;
using System.Globalization;
using LivechatFunctions.Functions;
using LivechatFunctions.Perf;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// One request of the endpoint two ways over the same canned store: through the app (the function class wired by
/// <see cref="LivechatServiceCollectionExtensions.AddLivechatSearch"/>, its result executed into a response body) and
/// bare (<see cref="BareStoreCalls"/>: the same store calls straight on the SDK, answers only drained).
/// </summary>
public sealed class BenchmarkRig : IDisposable
{
    /// <summary>
    /// How long a path runs before it is measured. Tiered compilation starts every method unoptimised and recompiles
    /// the hot ones in the background: on two shared cores a fresh process needs about ten seconds of traffic before
    /// a request costs what it will, and costs up to five times that before. BenchmarkDotNet sizes its iterations in
    /// a pilot run before its own warm-up, so it would otherwise size them, and measure, in the middle of tiering.
    /// </summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);

    private readonly ServiceProvider _services;
    private readonly BareStoreCalls _bare;
    private readonly SearchChatsFunction _function;
    private readonly string _queryString;

    static BenchmarkRig()
    {
        // The SDK asks Azure's instance metadata service (169.254.169.254) for a VM id once per process; a benchmark
        // has no business off this machine. Read before any client exists.
        Environment.SetEnvironmentVariable("COSMOS_DISABLE_IMDS_ACCESS", "true");
    }

    private BenchmarkRig(int pageSize, long matchingChats)
    {
        Store = new CannedStore(matchingChats);
        AppHandler = new CannedCosmosHandler(Store);
        BareHandler = new CannedCosmosHandler(Store);
        _queryString = "?count=" + pageSize.ToString(CultureInfo.InvariantCulture);
        // Registered after AddLivechatSearch, so this client wins: the app's own options and request handlers (the
        // store call counter among them), with only the network swapped for the canned handler.
        _services = FunctionInvoker.CreateServices(CannedStore.Endpoint, CannedStore.AccountKey, services => services.AddSingleton(sp =>
            BareStoreCalls.CreateClient(CannedStore.Endpoint, CannedStore.AccountKey, sp.GetServices<RequestHandler>(), AppHandler)));
        _function = _services.GetRequiredService<SearchChatsFunction>();
        Counter = _services.GetRequiredService<StoreCallCounter>();
        _bare = new BareStoreCalls(CannedStore.Endpoint, CannedStore.AccountKey, BareHandler, CannedStore.UserId, CannedStore.AuthToken,
            CannedStore.RoomId, BareStoreCalls.Page(CannedStore.VisitorId, pageSize), countsToo: matchingChats > pageSize);
    }

    public CannedStore Store { get; }

    public CannedCosmosHandler AppHandler { get; }

    public CannedCosmosHandler BareHandler { get; }

    public StoreCallCounter Counter { get; }

    /// <summary>A page of <paramref name="pageSize"/> asked for; the visitor has more chats than that, or one fewer (the page is the last).</summary>
    public static async Task<BenchmarkRig> CreateAsync(int pageSize, bool moreThanOnePage)
    {
        var rig = new BenchmarkRig(pageSize, moreThanOnePage ? 1000 : pageSize - 1);
        try
        {
            // The first request of each path reads the account, containers and partition key ranges.
            var status = await rig.AppRequestAsync(Stream.Null);
            if (status != 200)
            {
                throw new InvalidOperationException($"The app answered {status} to the benchmark's request; expected 200.");
            }

            await rig.BareRequestAsync();
            return rig;
        }
        catch
        {
            rig.Dispose();
            throw;
        }
    }

    public static async Task WarmUpAsync(Func<Task> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < WarmUp)
        {
            await request();
        }
    }

    /// <summary>The whole request through the app; returns the status code.</summary>
    public Task<int> AppRequestAsync(Stream responseBody) => FunctionInvoker.InvokeAsync(
        _function, _queryString, CannedStore.UserId, CannedStore.AuthToken, CannedStore.RoomId, CannedStore.VisitorId, responseBody);

    public Task BareRequestAsync() => _bare.RequestAsync(CancellationToken.None);

    public void Dispose()
    {
        _services.Dispose();
        _bare.Dispose();
        AppHandler.Dispose();
        BareHandler.Dispose();
    }
}
