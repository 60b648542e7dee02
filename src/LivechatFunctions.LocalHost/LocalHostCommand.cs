using LivechatFunctions.LocalHost.Demo;
using LivechatFunctions.LocalHost.Hosting;
using LivechatFunctions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.LocalHost;

/// <summary>The <c>livechat-local</c> command: serve the function locally, or load the demo data into a store.</summary>
public static class LocalHostCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        LocalHostOptions options;
        try
        {
            options = LocalHostOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }

        switch (options.Mode)
        {
            case LocalHostMode.Help:
                await output.WriteLineAsync(LocalHostOptions.Usage);
                return 0;
            case LocalHostMode.Seed:
                return await SeedAsync(options, output);
            case LocalHostMode.Store:
                return await EmbeddedStoreCommand.RunAsync(options, output, error);
            default:
                LocalFunctionHost host;
                try
                {
                    host = await LocalFunctionHost.StartAsync(options, CancellationToken.None);
                }
                catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
                {
                    // A setting out of range or of the wrong type, a store address the app refuses: the user's to fix,
                    // and the message names it; a stack trace would bury it.
                    await error.WriteLineAsync(ex.Message);
                    return 2;
                }

                await using (host)
                {
                    await output.WriteLineAsync(ReadyMessage.Format(host));
                    await host.WaitForShutdownAsync();
                    await output.WriteLineAsync("Stopping...");
                }

                return 0;
        }
    }

    private static async Task<int> SeedAsync(LocalHostOptions options, TextWriter output)
    {
        var configuration = new ConfigurationBuilder();
        LocalHostConfiguration.Apply(configuration, options);
        var cosmos = configuration.Build().GetSection(CosmosOptions.SectionName).Get<CosmosOptions>() ?? new CosmosOptions();
        using var client = CosmosClientFactory.Create(cosmos);
        var data = DemoDataSet.Generate();
        var written = await DemoDataLoader.LoadAsync(client, cosmos, data, createContainers: !string.IsNullOrEmpty(cosmos.AccountKey), CancellationToken.None);
        await output.WriteLineAsync($"Loaded {written} demo documents into {cosmos.AccountEndpoint} (database '{cosmos.DatabaseName}').");
        return 0;
    }
}
