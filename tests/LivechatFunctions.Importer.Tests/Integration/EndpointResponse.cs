using System.Text.Json;

namespace LivechatFunctions.Importer.Tests.Integration;

/// <summary>Status and body of an answer from the search function.</summary>
public sealed record EndpointResponse(int Status, string Body)
{
    public IReadOnlyList<JsonElement> History => [.. JsonDocument.Parse(Body).RootElement.GetProperty("history").EnumerateArray()];

    public IReadOnlyList<string> HistoryIds => [.. History.Select(item => item.GetProperty("_id").GetString()!)];
}
