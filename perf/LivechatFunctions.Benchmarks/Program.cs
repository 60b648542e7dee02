using BenchmarkDotNet.Running;
using LivechatFunctions.Benchmarks;

// Every run starts with the store call check. --smoke stops there (CI); --quick adds the in-process time and allocation
// table (--rounds N for more than 7 rounds); otherwise BenchmarkDotNet follows with the remaining arguments (its own).
var roundsAt = Array.IndexOf(args, "--rounds");
var rounds = TimeAndAllocationReport.DefaultRounds;
if (roundsAt >= 0 && (roundsAt + 1 >= args.Length || !int.TryParse(args[roundsAt + 1], out rounds) || rounds < 1))
{
    await Console.Error.WriteLineAsync("--rounds takes a whole number of rounds, at least 1.");
    return 2;
}

if (!await StoreCallReport.RunAsync(Console.Out))
{
    return 1;
}

if (args.Contains("--smoke"))
{
    return 0;
}

await TimeAndAllocationReport.RunAsync(Console.Out, rounds);
if (args.Contains("--quick"))
{
    return 0;
}

string[] benchmarkArgs = roundsAt >= 0 ? [.. args[..roundsAt], .. args[(roundsAt + 2)..]] : args;
var summary = BenchmarkRunner.Run<SearchChatsBenchmarks>(args: benchmarkArgs);
return summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success) ? 1 : 0;
