using System.Globalization;

namespace LivechatFunctions.LocalHost.Hosting;

/// <summary>The local host's command line: <c>[serve|seed|store] [--port N] [--seed-demo-data]</c>.</summary>
public sealed record LocalHostOptions(LocalHostMode Mode, int Port, bool SeedDemoData, string? SettingsFile, IReadOnlyList<string> ConfigurationArgs)
{
    public const int DefaultPort = 7071;

    /// <summary>
    /// Where <c>store</c> listens unless told otherwise: the Cosmos DB emulator's port, so the endpoint pasted into
    /// local.settings.json stays the same from one run to the next.
    /// </summary>
    public const int DefaultStorePort = 8081;

    public static LocalHostOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var mode = LocalHostMode.Serve;
        int? port = null;
        var seed = false;
        string? settings = null;
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "serve":
                    mode = LocalHostMode.Serve;
                    break;
                case "seed":
                    mode = LocalHostMode.Seed;
                    break;
                case "store":
                    mode = LocalHostMode.Store;
                    break;
                case "--port" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 65535:
                    port = value;
                    i++;
                    break;
                case "--settings" when i + 1 < args.Count:
                    settings = args[i + 1];
                    i++;
                    break;
                case "--seed-demo-data":
                    seed = true;
                    break;
                case "-h" or "--help":
                    mode = LocalHostMode.Help;
                    break;
                default:
                    // --Section:Key=value is configuration, handed to the configuration system as is.
                    if (!args[i].StartsWith("--", StringComparison.Ordinal) || !args[i].Contains('=', StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"Unknown argument '{args[i]}'. Try --help.");
                    }

                    configuration.Add(args[i]);
                    break;
            }
        }

        return new LocalHostOptions(mode, port ?? (mode == LocalHostMode.Store ? DefaultStorePort : DefaultPort), seed, settings, configuration);
    }

    public const string Usage = """
        livechat-local: serves the searchChats function on http://127.0.0.1:7071 without Core Tools.

          dotnet run --project src/LivechatFunctions.LocalHost [serve] [--port N] [--seed-demo-data] [--settings FILE]
          dotnet run --project src/LivechatFunctions.LocalHost seed [--settings FILE]
          dotnet run --project src/LivechatFunctions.LocalHost store [--port N]

          serve            (default) with no Cosmos:AccountEndpoint configured, start the embedded local
                           Cosmos DB server and load the demo data; otherwise use the configured store.
          seed             load the demo data into the configured store and exit.
          store            start only the embedded local Cosmos DB server with the demo data, print the
                           settings for local.settings.json (for func start) and run until Ctrl+C.
          --port N         listen on 127.0.0.1:N (default 7071, for store 8081; 0 picks a free port).
          --seed-demo-data load the demo data into a configured store before serving.
          --settings FILE  read the Values of a Core Tools local.settings.json (lowest precedence).

        Settings come from --settings FILE, environment variables (Cosmos__AccountEndpoint, ...) and
        --Cosmos:AccountEndpoint=... arguments; a later source wins.
        """;
}
