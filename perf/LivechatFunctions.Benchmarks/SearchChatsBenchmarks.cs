using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// One whole request of the endpoint through the app, against the same store calls made bare on the SDK (the
/// baseline): the ratio is what the app's own code adds. Pages of 10 and 100 chats, from a visitor with more chats
/// than the page (the app must count them: one more query) or one fewer (the page is the last).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LongerIterations))]
public class SearchChatsBenchmarks
{
    private BenchmarkRig _rig = null!;

    public static IReadOnlyList<(int PageSize, bool MoreThanOnePage)> Cases { get; } = [(10, false), (10, true), (100, false), (100, true)];

    [Params(10, 100)]
    public int PageSize { get; set; }

    [Params(false, true)]
    public bool MoreThanOnePage { get; set; }

    // Each benchmark runs in its own process: warm its own path before BenchmarkDotNet's pilot (BenchmarkRig.WarmUp).
    [GlobalSetup(Target = nameof(Bare))]
    public async Task SetupBareAsync()
    {
        _rig = await BenchmarkRig.CreateAsync(PageSize, MoreThanOnePage);
        await BenchmarkRig.WarmUpAsync(_rig.BareRequestAsync);
    }

    [GlobalSetup(Target = nameof(App))]
    public async Task SetupAppAsync()
    {
        _rig = await BenchmarkRig.CreateAsync(PageSize, MoreThanOnePage);
        await BenchmarkRig.WarmUpAsync(() => _rig.AppRequestAsync(Stream.Null));
    }

    [GlobalCleanup]
    public void Cleanup() => _rig.Dispose();

    [Benchmark(Baseline = true, Description = "bare SDK calls")]
    public Task Bare() => _rig.BareRequestAsync();

    [Benchmark(Description = "app (function)")]
    public Task<int> App() => _rig.AppRequestAsync(Stream.Null);

    /// <summary>
    /// Iterations of at least 250 ms: at 0.2 to 1 ms an operation BenchmarkDotNet's default aims lower and warns that
    /// the iterations are too short, and on a shared two-core machine short iterations scatter widely. Three processes
    /// per benchmark, 20 iterations each: one process can land in a busy moment of the machine, or get a different
    /// layout from the JIT, and move one path's mean by 20% on its own.
    /// </summary>
    private sealed class LongerIterations : ManualConfig
    {
        public LongerIterations() => AddJob(Job.Default
            .WithMinIterationTime(TimeInterval.FromMilliseconds(250))
            .WithLaunchCount(3)
            .WithIterationCount(20));
    }
}
