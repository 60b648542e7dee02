namespace LivechatFunctions.LocalCosmos;

/// <summary>How <see cref="CosmosServerProcess"/> finds, installs and starts the local Cosmos DB server.</summary>
public sealed class CosmosServerOptions
{
    /// <summary>Environment variable that points at the Node.js executable when it is not on PATH.</summary>
    public const string NodeEnvironmentVariable = "LIVECHAT_NODE";

    /// <summary>Environment variable that points at the npm executable when it is not on PATH.</summary>
    public const string NpmEnvironmentVariable = "LIVECHAT_NPM";

    /// <summary>Port on 127.0.0.1; 0 lets the operating system pick a free one, which keeps parallel runs apart.</summary>
    public int Port { get; init; }

    public string NodeExecutable { get; init; } = FromEnvironment(NodeEnvironmentVariable) ?? "node";

    // Without a shell, Windows only finds the .cmd shim when it is named.
    public string NpmExecutable { get; init; } =
        FromEnvironment(NpmEnvironmentVariable) ?? (OperatingSystem.IsWindows() ? "npm.cmd" : "npm");

    /// <summary>
    /// Folder holding launcher.js and its package files; by default the <c>cosmos-server</c>
    /// folder that the build copies next to the assemblies.
    /// </summary>
    public string? ServerDirectory { get; init; }

    /// <summary>How long to wait for the ready line once node has started.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a first-use <c>npm ci</c> may take, including waiting for another process's install.</summary>
    public TimeSpan InstallTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the server gets to exit after its stdin closes before it is killed.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Process whose disappearance stops the server (the launcher polls it every second);
    /// by default the current process.
    /// </summary>
    public int? ParentProcessId { get; init; }

    /// <summary>Environment variable holding the seed of the order tied rows come back in (see <see cref="TieOrderSeed"/>).</summary>
    public const string TieOrderSeedEnvironmentVariable = "LIVECHAT_COSMOS_TIE_SEED";

    /// <summary>
    /// Seed of the order in which the server returns rows that tie on every ORDER BY item (Cosmos DB leaves it
    /// undefined, so the server varies it from query to query). By default the environment variable's value,
    /// else a random seed; the server prints the one it uses on stderr, and setting it replays a failing run.
    /// </summary>
    public uint? TieOrderSeed { get; init; } =
        uint.TryParse(FromEnvironment(TieOrderSeedEnvironmentVariable), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var seed) ? seed : null;

    private static string? FromEnvironment(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
