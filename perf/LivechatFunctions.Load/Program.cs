using System.Runtime.InteropServices;
using LivechatFunctions.Load;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

// Else the Cosmos SDK asks Azure's instance metadata address for a VM id once per process; this tool stays on 127.0.0.1.
Environment.SetEnvironmentVariable("COSMOS_DISABLE_IMDS_ACCESS", "true");

using var stop = new CancellationTokenSource();
var stoppedBy = 0;

// Ctrl+C, and the SIGTERM of kill, timeout or a CI runner: the first one unwinds the run, so livechat-local and its
// store stop with this tool instead of living on and loading the machine; a second one ends the tool at once.
void Stop(PosixSignalContext context, int exitCode)
{
    if (Interlocked.CompareExchange(ref stoppedBy, exitCode, 0) == 0)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, 130));
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, 143));

if (options.Mode == LoadMode.Help)
{
    await Console.Out.WriteLineAsync(LoadOptions.Usage);
    return 0;
}

try
{
    return options.Mode switch
    {
        LoadMode.Growth => await GrowthCommand.RunAsync(options, Console.Out, stop.Token),
        LoadMode.Startup => await StartupCommand.RunAsync(options, Console.Out, stop.Token),
        _ => await LoadCommand.RunAsync(options, Console.Out, stop.Token),
    };
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    // The host and its store were stopped on the way out; a stack trace would say nothing more.
    await Console.Error.WriteLineAsync("Stopped before the end: the run's summary was not written.");
    return Volatile.Read(ref stoppedBy);
}
