namespace LivechatFunctions.LocalHost.Tests.OpenApi;

/// <summary>An answer of the running host: its status, every header as sent, and its body.</summary>
internal sealed record RecordedAnswer(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static async Task<RecordedAnswer> ReadAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new RecordedAnswer((int)response.StatusCode, headers, await response.Content.ReadAsStringAsync());
    }
}
