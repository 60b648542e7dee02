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

return options.Mode switch
{
    LoadMode.Help => await HelpAsync(),
    LoadMode.Growth => await GrowthCommand.RunAsync(options, Console.Out, stop.Token),
    LoadMode.Startup => await StartupCommand.RunAsync(options, Console.Out, stop.Token),
    _ => await LoadCommand.RunAsync(options, Console.Out, stop.Token),
};

static async Task<int> HelpAsync()
{
    await Console.Out.WriteLineAsync(LoadOptions.Usage);
    return 0;
}
