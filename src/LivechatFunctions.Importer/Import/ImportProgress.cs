namespace LivechatFunctions.Importer.Import;

/// <summary>How far the reading has got: the basis of the progress line's percentage and ETA.</summary>
public sealed class ImportProgress
{
    private long _bytesRead;
    private string _phase = "starting";

    /// <summary>Bytes the whole run will read (a file read twice counts twice).</summary>
    public long TotalBytes { get; set; }

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>What is being read now, e.g. "messages".</summary>
    public string Phase
    {
        get => Volatile.Read(ref _phase);
        set => Volatile.Write(ref _phase, value);
    }

    public void AddBytes(long count) => Interlocked.Add(ref _bytesRead, count);

    /// <summary>Share of the input read, 0 to 1.</summary>
    public double Fraction => TotalBytes <= 0 ? 1 : Math.Clamp((double)BytesRead / TotalBytes, 0, 1);

    /// <summary>Time left at the rate so far, or <c>null</c> while there is too little to tell.</summary>
    public TimeSpan? EstimateRemaining(TimeSpan elapsed)
    {
        var read = BytesRead;
        if (read <= 0 || elapsed <= TimeSpan.Zero)
        {
            return null;
        }

        var remaining = Math.Max(0, TotalBytes - read);
        return TimeSpan.FromSeconds(elapsed.TotalSeconds * remaining / read);
    }
}
