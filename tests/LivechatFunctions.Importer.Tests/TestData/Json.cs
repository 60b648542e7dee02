using System.Text.Json;
using LivechatFunctions.Importer.Export;

namespace LivechatFunctions.Importer.Tests.TestData;

/// <summary>Small helpers to run conversions on JSON text and read the results.</summary>
public static class Json
{
    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static JsonElement Parse(ReadOnlyMemory<byte> json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>Runs <see cref="ExtendedJson.WriteValue"/> on <paramref name="extendedJson"/> and returns the plain JSON text.</summary>
    public static string Convert(string extendedJson)
    {
        var element = Parse(extendedJson);
        return System.Text.Encoding.UTF8.GetString(LivechatFunctions.Importer.Conversion.DocumentJson.Write(64, w => ExtendedJson.WriteValue(w, element)));
    }

    public static string? StringAt(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
    }

    public static IReadOnlyList<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
