using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LivechatFunctions.Reliability.Tests.Harness;

/// <summary>One captured log entry, with everything a sink could ever write of it.</summary>
/// <param name="Level">Its level.</param>
/// <param name="Category">The logger's category.</param>
/// <param name="Text">The formatted message, its structured values, and the exception's full text.</param>
public sealed record LogEntry(LogLevel Level, string Category, string Text);

/// <summary>
/// A logger provider that keeps every entry of every category at every level, including scopes,
/// structured values and exceptions: what any log sink (console, Application Insights) could be given.
/// </summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    /// <summary>Every entry as one text, for "never appears anywhere" assertions.</summary>
    public string AllText => string.Join('\n', _entries.Select(e => $"{e.Level} {e.Category}: {e.Text}"));

    public void Add(LogLevel level, string category, string text) => _entries.Enqueue(new LogEntry(level, category, text));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            log.Add(LogLevel.Trace, category, $"scope: {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            log.Add(logLevel, category, $"{formatter(state, exception)} | {Describe(state)} | {exception}");
        }

        private static string Describe<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values
                ? string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"))
                : state?.ToString() ?? string.Empty;
    }
}
