using System.Text.Json.Serialization;

namespace LivechatFunctions.LocalCosmos.Tests;

/// <summary>A document shaped like the app's: partitioned by visitor, ordered by timestamp.</summary>
public sealed record ChatDocument(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("visitorId")] string VisitorId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("ts")] long Ts,
    [property: JsonPropertyName("text")] string Text);
