using System.Globalization;

namespace LivechatFunctions.Load;

public enum LoadMode
{
    Load,
    Growth,
    Startup,
    Help,
}

/// <summary>The command line of <c>livechat-load</c>.</summary>
public sealed record LoadOptions(LoadMode Mode, TimeSpan Duration, TimeSpan WarmUp, IReadOnlyList<int> Concurrency, int? PageSize,
    IReadOnlyList<int> GrowthSizes, int GrowthRequests, int StartupRuns)
{
    public const string Usage = """
        livechat-load: load, growth and start-up figures for the searchChats endpoint, on this machine only.

          dotnet run -c Release --project perf/LivechatFunctions.Load -- [options]

          (default)            start livechat-local (child process, embedded local Cosmos DB server, demo data)
                               and drive, at each concurrency, the endpoint and the same store calls made bare
                               with the Cosmos SDK from this process against the same store
            --seconds N        measured time per target and concurrency (default 10); each target also
                               runs that long (at least 3 s) unmeasured before the first measurement
            --warmup N         unmeasured seconds before each measurement (default 2)
            --concurrency L    comma-separated connection counts, in order (default 16,64,256); repeat one
                               (256,256,256) to see whether latency and memory settle
            --count N          drive only the request with ?count=N; without it two requests run: the
                               contract's default page (no count; the demo visitor's 23 chats fit in it,
                               so the app does not count) and a full page, ?count=10 (the app counts)
          --growth             in-process: seed visitors with many chats into a local server and measure the
                               first page and a page at offset 1,000, with the app's store call counts
                               (page of --count, default 10)
            --sizes L          chats per visitor (default 10,1000,10000)
            --requests N       measured requests per case (default 20)
          --startup            time from starting livechat-local to its first 200, and that request's own time
            --runs N           how many starts (default 3)
        """;

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LoadOptions(LoadMode.Load, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), [16, 64, 256], null, [10, 1000, 10000], 20, 3);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--growth" => options with { Mode = LoadMode.Growth },
                "--startup" => options with { Mode = LoadMode.Startup },
                "-h" or "--help" => options with { Mode = LoadMode.Help },
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(Number(args[i], Value(), 0.1)) },
                "--warmup" => options with { WarmUp = TimeSpan.FromSeconds(Number(args[i], Value(), 0)) },
                "--concurrency" => options with { Concurrency = NumberList(args[i], Value()) },
                "--count" => options with { PageSize = (int)Number(args[i], Value(), 1) },
                "--sizes" => options with { GrowthSizes = NumberList(args[i], Value()) },
                "--requests" => options with { GrowthRequests = (int)Number(args[i], Value(), 1) },
                "--runs" => options with { StartupRuns = (int)Number(args[i], Value(), 1) },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Try --help."),
            };
        }

        return options;
    }

    private static double Number(string name, string text, double least) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= least
            ? value
            : throw new ArgumentException($"{name} takes a number of at least {least}, not '{text}'.");

    private static int[] NumberList(string name, string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part => (int)Number(name, part, 1))];
}
