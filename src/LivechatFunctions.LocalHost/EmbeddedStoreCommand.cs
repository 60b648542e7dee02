using System.Text;
using LivechatFunctions.Functions;
using LivechatFunctions.LocalCosmos;
using LivechatFunctions.LocalHost.Demo;
using LivechatFunctions.LocalHost.Hosting;

namespace LivechatFunctions.LocalHost;

/// <summary>
/// <c>livechat-local store</c>: the embedded local Cosmos DB server with the demo data and nothing else, so that
/// <c>func start</c> (Core Tools) can serve the function against it. It prints the settings to paste into
/// local.settings.json and runs until Ctrl+C or SIGTERM, then stops the server.
/// </summary>
public static class EmbeddedStoreCommand
{
    /// <summary>Where Core Tools serves the app unless given another port.</summary>
    public static readonly Uri CoreToolsBaseAddress = new("http://localhost:7071/");

    public static async Task<int> RunAsync(LocalHostOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        using var shutdown = new ShutdownSignal();
        CosmosServerProcess store;
        try
        {
            store = await CosmosServerProcess.StartAsync(new CosmosServerOptions { Port = options.Port }, shutdown.Token);
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException)
        {
            // Most often the port is taken (an emulator, another run): the server's own words say so.
            await error.WriteLineAsync(
                $"Could not start the local Cosmos DB server on 127.0.0.1:{options.Port} (--port N picks another; 0 any free one). {ex.Message}");
            return 1;
        }

        await using (store)
        {
            var demo = DemoDataSet.Generate();
            try
            {
                using var client = store.CreateClient();
                await DemoDataLoader.LoadAsync(client, store.ClientSettings, demo, createContainers: true, shutdown.Token);
            }
            catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
            {
                return 0;
            }

            await output.WriteLineAsync(FormatReadyMessage(store.Endpoint, CosmosServerProcess.WellKnownKey, demo));
            await Task.WhenAny(
                Task.Delay(Timeout.Infinite, shutdown.Token),
                store.WaitForExitAsync(CancellationToken.None));
            if (!shutdown.Token.IsCancellationRequested)
            {
                await error.WriteLineAsync("The local Cosmos DB server stopped on its own; its data is gone with it.");
                return 1;
            }

            await output.WriteLineAsync("Stopping the local Cosmos DB server...");
        }

        return 0;
    }

    /// <summary>What <c>store</c> prints once the data is in: the two settings, ready to paste, then what to run.</summary>
    public static string FormatReadyMessage(Uri endpoint, string accountKey, DemoDataSet demo)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(demo);
        var routePrefix = HostJson.RoutePrefix(Path.Combine(AppContext.BaseDirectory, "host.json"));
        var route = HttpTriggerRoute.Discover(typeof(SearchChatsFunction)).Single();
        var (roomId, visitorId) = demo.SuggestedRoom;
        var text = new StringBuilder()
            .AppendLine()
            .AppendLine($"Local Cosmos DB server for func start: {endpoint} ({demo.Documents.Count} demo documents loaded).")
            .AppendLine()
            .AppendLine("  Put these in the \"Values\" of src/LivechatFunctions/local.settings.json")
            .AppendLine("  (copied from local.settings.sample.json, which has them for the default port):")
            .AppendLine()
            .AppendLine($"    \"Cosmos__AccountEndpoint\": \"{endpoint}\",")
            .AppendLine($"    \"Cosmos__AccountKey\": \"{accountKey}\",")
            .AppendLine()
            .AppendLine("  Then, in another terminal:")
            .AppendLine("    cd src/LivechatFunctions && func start");
        ReadyMessage.AppendDemoLogins(text, demo, LocalFunctionHost.FunctionUrl(CoreToolsBaseAddress, route.PathTemplate(routePrefix), roomId, visitorId));
        return text.AppendLine().Append("Press Ctrl+C to stop.").ToString();
    }
}
