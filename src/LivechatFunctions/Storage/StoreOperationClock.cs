using System.Diagnostics;

namespace LivechatFunctions.Storage;

/// <summary>
/// When the store operation under way began. A query that reads several response pages (or a call the SDK retries)
/// sends several requests; <see cref="RequestDeadlineHandler"/> gives each only what is left of the operation's
/// deadline, so the whole operation, every page included, ends within it.
/// </summary>
public static class StoreOperationClock
{
    private static readonly AsyncLocal<long?> Started = new();

    /// <summary>Starts timing an operation for the code that runs (and awaits) beneath the caller; an operation already under way keeps its start.</summary>
    public static void Start() => Started.Value ??= Stopwatch.GetTimestamp();

    /// <summary>What is left of <paramref name="deadline"/> for the operation under way (never less than zero); all of it outside one.</summary>
    public static TimeSpan Remaining(TimeSpan deadline)
    {
        if (Started.Value is not { } started)
        {
            return deadline;
        }

        var left = deadline - Stopwatch.GetElapsedTime(started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
