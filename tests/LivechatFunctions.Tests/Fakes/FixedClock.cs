namespace LivechatFunctions.Tests.Fakes;

/// <summary>
/// A clock that stays where a test puts it. <see cref="Now"/> is the wall clock, which a test may set anywhere, back
/// included; the monotonic timestamp moves only with <see cref="Advance"/>, as a real one only moves forward.
/// </summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    private long _elapsedTicks;

    public DateTimeOffset Now { get; set; } = now;

    /// <summary>Lets time pass: both clocks move on by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by)
    {
        Now += by;
        _elapsedTicks += by.Ticks;
    }

    public override DateTimeOffset GetUtcNow() => Now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _elapsedTicks;
}
