using System.Diagnostics.Tracing;
using Microsoft.Extensions.Logging;

namespace LivechatFunctions.Reliability.Tests.Harness;

/// <summary>
/// Routes the Cosmos SDK's own event sources (it writes to no ILogger) into a <see cref="CapturedLog"/>, the way a
/// log forwarder would, from <paramref name="level"/> up.
/// </summary>
public sealed class CosmosEventForwarder(CapturedLog log, EventLevel level) : EventListener
{
    private readonly HashSet<string> _sources = [];

    /// <summary>The Cosmos event sources that were found and enabled.</summary>
    public IReadOnlyCollection<string> Sources
    {
        get
        {
            lock (_sources)
            {
                return [.. _sources];
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name.Contains("Cosmos", StringComparison.OrdinalIgnoreCase) || eventSource.Name.Contains("DocumentDB", StringComparison.OrdinalIgnoreCase))
        {
            lock (_sources)
            {
                _sources.Add(eventSource.Name);
            }

            EnableEvents(eventSource, level, EventKeywords.All);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (log is null || eventData.Level > level)
        {
            // Events can arrive before the constructor has run (sources created earlier are enabled from the base one).
            return;
        }

        var payload = string.Join("; ", eventData.Payload ?? []);
        log.Add(eventData.Level <= EventLevel.Warning ? LogLevel.Warning : LogLevel.Information,
            "EventSource/" + eventData.EventSource.Name, $"{eventData.EventName}: {eventData.Message} | {payload}");
    }
}
