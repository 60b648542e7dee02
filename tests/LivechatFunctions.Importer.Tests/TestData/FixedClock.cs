namespace LivechatFunctions.Importer.Tests.TestData;

/// <summary>A clock that always says the same "now", so expiry and ttl are exact; timers still run in real time.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
