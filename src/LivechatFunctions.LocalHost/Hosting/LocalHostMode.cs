namespace LivechatFunctions.LocalHost.Hosting;

/// <summary>What the local host was asked to do.</summary>
public enum LocalHostMode
{
    Serve,
    Seed,
    Help,
}
