using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LivechatFunctions.Tests.Fakes;

/// <summary>Status, headers and body of an answer.</summary>
public sealed record TestResponse(int Status, IHeaderDictionary Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public IReadOnlyList<string> TopLevelKeys => [.. Json.EnumerateObject().Select(p => p.Name)];

    public IReadOnlyList<JsonElement> History => [.. Json.GetProperty("history").EnumerateArray()];
}
