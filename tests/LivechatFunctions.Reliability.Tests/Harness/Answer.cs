using System.Text.Json;

namespace LivechatFunctions.Reliability.Tests.Harness;

/// <summary>What a caller got back: status, headers, body, and how long it took.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Headers">Response headers (content headers included), names case-insensitive.</param>
/// <param name="Body">The body as text.</param>
/// <param name="Elapsed">Time from sending to having the whole body.</param>
/// <param name="InvocationId">The invocation id the function was called with (in-process calls only).</param>
public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, string Body, TimeSpan Elapsed, string? InvocationId = null)
{
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The <c>_id</c>s of the history items, in order.</summary>
    public IReadOnlyList<string> HistoryIds =>
        [.. Json.GetProperty("history").EnumerateArray().Select(item => item.GetProperty("_id").GetString()!)];

    public override string ToString() => $"{Status} in {Elapsed.TotalMilliseconds:F0} ms: {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
}
