namespace LivechatFunctions.Importer.Terminal;

/// <summary>
/// The importer's output: results on <c>output</c>, problems on <c>error</c>, and on a terminal one status line
/// that is redrawn in place and cleared before anything else is printed, so the two never run into each other.
/// </summary>
/// <param name="output">Summary, samples and (when not a terminal) periodic progress lines.</param>
/// <param name="error">One line per problem.</param>
/// <param name="isTerminal">Output goes to a terminal: progress redraws one line instead of printing many.</param>
/// <param name="width">Terminal width, to keep the status line on one row.</param>
public sealed class ImportConsole(TextWriter output, TextWriter error, bool isTerminal, Func<int>? width = null)
{
    private readonly Lock _gate = new();
    private int _statusLength;

    public bool IsTerminal { get; } = isTerminal;

    /// <summary>For output that has its own writer (help text).</summary>
    public TextWriter Output => output;

    public TextWriter Error => error;

    /// <summary>The process's console; a status line only when stdout is a terminal.</summary>
    public static ImportConsole ForProcess() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected, () => Console.IsOutputRedirected ? 0 : Console.WindowWidth);

    public void WriteLine(string line)
    {
        lock (_gate)
        {
            ClearStatusLocked();
            output.WriteLine(line);
            output.Flush();
        }
    }

    public void Report(string line)
    {
        lock (_gate)
        {
            ClearStatusLocked();
            error.WriteLine(line);
            error.Flush();
        }
    }

    /// <summary>Draws <paramref name="line"/> over the previous status line (terminal only).</summary>
    public void Status(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!IsTerminal)
        {
            return;
        }

        lock (_gate)
        {
            var columns = SafeWidth();
            if (columns > 1 && line.Length >= columns)
            {
                line = line[..(columns - 1)];
            }

            output.Write('\r' + line.PadRight(_statusLength));
            output.Flush();
            _statusLength = line.Length;
        }
    }

    public void ClearStatus()
    {
        lock (_gate)
        {
            ClearStatusLocked();
        }
    }

    private void ClearStatusLocked()
    {
        if (_statusLength > 0)
        {
            output.Write('\r' + new string(' ', _statusLength) + '\r');
            _statusLength = 0;
        }
    }

    private int SafeWidth()
    {
        try
        {
            return width?.Invoke() ?? 0;
        }
        catch (IOException)
        {
            // No terminal size after all (e.g. the terminal went away): draw at full length.
            return 0;
        }
    }
}
