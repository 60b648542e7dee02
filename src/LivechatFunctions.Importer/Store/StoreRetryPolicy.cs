namespace LivechatFunctions.Importer.Store;

/// <summary>
/// How long to wait before each retry of a write that failed transiently (503, timeouts, connection errors).
/// Throttling (429) is retried by the SDK itself first; this covers what it gives up on.
/// </summary>
/// <param name="Delays">One delay per retry; when they run out the store counts as unavailable.</param>
public sealed record StoreRetryPolicy(IReadOnlyList<TimeSpan> Delays)
{
    /// <summary>Five retries over about half a minute.</summary>
    public static StoreRetryPolicy Default { get; } = new([
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)]);
}
