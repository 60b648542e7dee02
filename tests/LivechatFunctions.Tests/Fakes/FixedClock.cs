namespace LivechatFunctions.Tests.Fakes;

/// <summary>A clock that stays where a test puts it; its monotonic timestamp moves with <see cref="Now"/>.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Now.UtcTicks;
}
