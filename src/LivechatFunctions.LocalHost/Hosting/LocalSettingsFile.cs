using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace LivechatFunctions.LocalHost.Hosting;

/// <summary>
/// Reads the <c>Values</c> of a Core Tools <c>local.settings.json</c> into configuration, so the local host
/// and <c>func start</c> run from the same settings file (<c>Cosmos__AccountEndpoint</c> → <c>Cosmos:AccountEndpoint</c>).
/// </summary>
public static class LocalSettingsFile
{
    public static IConfigurationBuilder AddLocalSettingsFile(this IConfigurationBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!File.Exists(path))
        {
            return builder;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var settings) && settings.ValueKind == JsonValueKind.Object)
        {
            foreach (var setting in settings.EnumerateObject())
            {
                values[setting.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    setting.Value.ValueKind == JsonValueKind.String ? setting.Value.GetString() : setting.Value.GetRawText();
            }
        }

        return builder.AddInMemoryCollection(values);
    }
}
