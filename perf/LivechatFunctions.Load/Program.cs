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

// The Cosmos SDK asks Azure's instance metadata address (169.254.169.254) for a VM id once per process unless
// told not to; every request of this tool stays on 127.0.0.1. It is read when the first client is built.
Environment.SetEnvironmentVariable("COSMOS_DISABLE_IMDS_ACCESS", "true");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

// kill, timeout and CI stop a run with SIGTERM: unwind as for Ctrl+C, so livechat-local and its store stop too
// instead of living on, and loading the machine, after this tool is gone.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

try
{
    return options.Mode switch
    {
        LoadMode.Help => await HelpAsync(),
        LoadMode.Growth => await GrowthCommand.RunAsync(options, Console.Out, stop.Token),
        LoadMode.Startup => await StartupCommand.RunAsync(options, Console.Out, stop.Token),
        _ => await LoadCommand.RunAsync(options, Console.Out, stop.Token),
    };
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    // Asked to stop: the host and its store have been stopped on the way out; a stack trace would say nothing more.
    await Console.Error.WriteLineAsync("Stopped before the end: no figures.");
    return 130;
}

static async Task<int> HelpAsync()
{
    await Console.Out.WriteLineAsync(LoadOptions.Usage);
    return 0;
}
