using System.Globalization;
using BenchmarkDotNet.Running;
using LivechatFunctions.Benchmarks;

// These run alone: --ramp [seconds] (how a fresh process's requests speed up while the JIT tiers the app's path up),
// --loop and --profile-summary (one path in a closed loop for a profiler, and what the profile says; perf/profile.sh),
// --parts (the app's store calls one by one against the same calls bare) and --token-cache (the request with the token
// cache off and on). Everything else starts with the round-trip check: a benchmark of a request that fails or makes
// other store calls than expected would measure the wrong thing. --smoke then checks the row copy, the parts and the
// token cache and stops (CI); --quick adds the time table (about two minutes; --rounds N for more rounds than 7);
// anything else runs that table and then BenchmarkDotNet with the remaining arguments.
// "--rounds=31" means "--rounds 31" (and so for --page, --seconds, --ramp): without this it reached no option and
// the run silently used the default.
args = [.. args.SelectMany(SplitOwnOption)];

var ramp = Array.IndexOf(args, "--ramp");
if (ramp >= 0)
{
    // Before anything else runs in this process: the point is the cold JIT. An optional count of seconds follows.
    var seconds = ramp + 1 < args.Length && int.TryParse(args[ramp + 1], out var given) && given > 0 ? given : 15;
    await RampReport.RunAsync(Console.Out, seconds);
    return 0;
}

var loop = Array.IndexOf(args, "--loop");
if (loop >= 0)
{
    // perf/profile.sh: one path in a closed loop for dotnet-trace to attach to, and the summary of what it recorded.
    var side = loop + 1 < args.Length ? args[loop + 1] : string.Empty;
    if (side is not ("app" or "bare") || !TryOption(args, "--page", 10, out var page) || page is not (10 or 100)
        || !TryOption(args, "--seconds", 40, out var seconds) || seconds < 1)
    {
        await Console.Error.WriteLineAsync("usage: --loop app|bare [--page 10|100] [--seconds N]");
        return 2;
    }

    await ClosedLoop.RunAsync(Console.Out, side == "app", page, TimeSpan.FromSeconds(seconds));
    return 0;
}

var profileAt = Array.IndexOf(args, "--profile-summary");
if (profileAt >= 0)
{
    if (profileAt + 2 >= args.Length || !File.Exists(args[profileAt + 1])
        || !double.TryParse(args[profileAt + 2], NumberStyles.Float, CultureInfo.InvariantCulture, out var perRequest))
    {
        await Console.Error.WriteLineAsync("usage: --profile-summary <file.speedscope.json> <µs per request>");
        return 2;
    }

    await ProfileSummary.RunAsync(Console.Out, args[profileAt + 1], perRequest);
    return 0;
}

if (args.Contains("--token-cache"))
{
    // The same request with the token cache off and on, each beside its bare store calls.
    await TokenCacheReport.RunAsync(Console.Out);
    return 0;
}

if (args.Contains("--parts"))
{
    // The app's store calls one by one against the same calls bare, and its work that touches no store.
    await PartsReport.RunAsync(Console.Out);
    return 0;
}

var roundsAt = Array.IndexOf(args, "--rounds");
var rounds = TimeAndAllocationReport.DefaultRounds;
if (roundsAt >= 0 && (roundsAt + 1 >= args.Length || !int.TryParse(args[roundsAt + 1], out rounds) || rounds < 1))
{
    await Console.Error.WriteLineAsync("--rounds takes a whole number of rounds, at least 1.");
    return 2;
}

var smoke = args.Contains("--smoke");
var quick = args.Contains("--quick");
if (!await StoreCallReport.RunAsync(Console.Out))
{
    return 1;
}

if (smoke)
{
    var rowsWork = PageRowsBenchmarks.Check(Console.Out);
    var partsWork = await PartsReport.CheckAsync(Console.Out);
    return rowsWork && partsWork && await TokenCacheReport.CheckAsync(Console.Out) ? 0 : 1;
}

await TimeAndAllocationReport.RunAsync(Console.Out, rounds);
if (quick)
{
    return 0;
}

string[] benchmarkArgs = roundsAt >= 0 ? [.. args[..roundsAt], .. args[(roundsAt + 2)..]] : args;
var summaries = BenchmarkSwitcher.FromAssembly(typeof(SearchChatsBenchmarks).Assembly).Run([.. benchmarkArgs.Where(arg => arg != "--quick")]);
return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;

// A mistyped value is refused rather than replaced by the default, so a run never measures other than what was asked.
static bool TryOption(string[] args, string name, int fallback, out int value)
{
    var at = Array.IndexOf(args, name);
    value = fallback;
    return at < 0 || (at + 1 < args.Length && int.TryParse(args[at + 1], out value));
}

// Only this program's own options; BenchmarkDotNet reads its own "--name=value" forms.
static string[] SplitOwnOption(string arg) =>
    arg.Split('=', 2) is [var name and ("--rounds" or "--page" or "--seconds" or "--ramp"), var value] ? [name, value] : [arg];
