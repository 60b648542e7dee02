using BenchmarkDotNet.Running;
using LivechatFunctions.Benchmarks;

// The round-trip check runs first, every time: a benchmark of a request that fails or makes other store calls
// than expected would measure the wrong thing. --smoke stops after it (CI); --quick adds the CPU-time table
// (about a minute); anything else runs that table and then BenchmarkDotNet with the remaining arguments.
var smoke = args.Contains("--smoke");
var quick = args.Contains("--quick");
if (!await StoreCallReport.RunAsync(Console.Out))
{
    return 1;
}

if (smoke)
{
    return 0;
}

await CpuTimeReport.RunAsync(Console.Out);
if (quick)
{
    return 0;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(SearchChatsBenchmarks).Assembly).Run([.. args.Where(arg => arg != "--quick")]);
return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
