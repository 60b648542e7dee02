namespace LivechatFunctions.LocalCosmos;

/// <summary>
/// Keeps the last lines a child process wrote, so a failure can say why without
/// holding on to everything a long-lived server ever printed.
/// </summary>
internal sealed class OutputTail(int capacity)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _lines);
        }
    }

    /// <summary>Describes the captured output for an exception message, or says there was none.</summary>
    public string Describe(string streamName)
    {
        var text = ToString();
        return text.Length == 0
            ? $"It wrote nothing to {streamName}."
            : $"Last lines of its {streamName}:{Environment.NewLine}{text}";
    }

    /// <summary>
    /// Reads until end of stream. Deliberately not cancellable: a child whose pipe is no
    /// longer drained blocks on its next write, and the pipe ends anyway when the child exits.
    /// </summary>
    public async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            Add(line);
        }
    }
}
