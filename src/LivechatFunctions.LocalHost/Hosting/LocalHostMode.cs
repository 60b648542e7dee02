namespace LivechatFunctions.LocalHost.Hosting;

/// <summary>What the local host was asked to do.</summary>
public enum LocalHostMode
{
    Serve,
    Seed,

    /// <summary>Only the embedded Cosmos DB server with the demo data, for <c>func start</c> to use.</summary>
    Store,
    Help,
}
