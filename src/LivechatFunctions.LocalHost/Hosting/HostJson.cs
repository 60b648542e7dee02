using System.Text.Json;

namespace LivechatFunctions.LocalHost.Hosting;

/// <summary>Reads what the local host needs from the same host.json the Functions host uses.</summary>
public static class HostJson
{
    private const string DefaultRoutePrefix = "api";

    /// <summary><c>extensions.http.routePrefix</c>, or the host's default when absent.</summary>
    public static string RoutePrefix(string hostJsonPath)
    {
        if (!File.Exists(hostJsonPath))
        {
            return DefaultRoutePrefix;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
            && prefix.ValueKind == JsonValueKind.String
                ? prefix.GetString()!
                : DefaultRoutePrefix;
    }
}
