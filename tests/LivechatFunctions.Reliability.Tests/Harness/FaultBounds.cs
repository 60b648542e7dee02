namespace LivechatFunctions.Reliability.Tests.Harness;

/// <summary>
/// How long a caller may wait for the answer to a store fault: the request timeout the fault tests configure,
/// plus the app's throttling retry budget (Cosmos:MaxRateLimitRetryWait, 2 s by default), plus an allowance for
/// a busy two-core CI machine. Generous on purpose: these bound fault handling, they do not measure speed.
/// </summary>
public static class FaultBounds
{
    /// <summary>Cosmos:RequestTimeout in the fault tests.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Cosmos:MaxRateLimitRetryWait, the app's default.</summary>
    public static readonly TimeSpan ThrottlingRetryBudget = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan SchedulingAllowance = TimeSpan.FromSeconds(3);

    /// <summary>The longest any answer to a store fault may take.</summary>
    public static TimeSpan Answer => RequestTimeout + ThrottlingRetryBudget + SchedulingAllowance;

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Cosmos:RequestTimeout"] = RequestTimeout.ToString(),
    };
}
