using LivechatFunctions.Importer;
using LivechatFunctions.Importer.Terminal;

var console = ImportConsole.ForProcess();
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops the import and still prints the summary; a second one ends the process at once.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        console.Report("Stopping: cancelling the writes in flight (Ctrl+C again to quit at once)...");
        cancellation.Cancel();
    }
};

return await ImportApplication.RunAsync(args, console, TimeProvider.System, cancellation.Token);
