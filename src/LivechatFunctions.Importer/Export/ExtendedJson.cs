using System.Globalization;
using System.Text.Json;

namespace LivechatFunctions.Importer.Export;

/// <summary>
/// Turns MongoDB Extended JSON v2 (what <c>mongoexport</c> writes, canonical or relaxed) into the plain JSON the
/// store keeps: dates become ISO-8601 UTC strings with milliseconds, numbers become JSON numbers, object ids
/// and binaries become strings. Wrappers this importer does not know (<c>$timestamp</c>, <c>$regularExpression</c>,
/// ...) are kept as the objects they are.
/// </summary>
public static class ExtendedJson
{
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Writes <paramref name="value"/> converted, recursing into objects and arrays.</summary>
    public static void WriteValue(Utf8JsonWriter writer, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                if (!TryWriteWrapper(writer, value))
                {
                    writer.WriteStartObject();
                    foreach (var property in value.EnumerateObject())
                    {
                        writer.WritePropertyName(property.Name);
                        WriteValue(writer, property.Value);
                    }

                    writer.WriteEndObject();
                }

                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    /// <summary>A string, or an object id (<c>{"$oid": ...}</c>) as its hex string: the forms Rocket.Chat ids take.</summary>
    public static bool TryGetString(JsonElement value, out string text)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            text = value.GetString()!;
            return true;
        }

        if (SingleProperty(value, "$oid") is { ValueKind: JsonValueKind.String } oid)
        {
            text = oid.GetString()!;
            return true;
        }

        text = string.Empty;
        return false;
    }

    /// <summary>
    /// A moment from <c>{"$date": ...}</c> in any of its forms, or from an ISO-8601 string (a document that was
    /// already converted). Throws <see cref="ExtendedJsonException"/> for a <c>$date</c> that is not a date.
    /// </summary>
    public static bool TryGetInstant(JsonElement value, out DateTimeOffset instant)
    {
        if (SingleProperty(value, "$date") is { } date)
        {
            instant = ReadDate(date);
            return true;
        }

        if (value.ValueKind == JsonValueKind.String && TryParseIsoDate(value.GetString()!, out instant))
        {
            return true;
        }

        instant = default;
        return false;
    }

    /// <summary>The store's date format: <c>2021-07-22T17:17:04.216Z</c>.</summary>
    public static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static bool TryWriteWrapper(Utf8JsonWriter writer, JsonElement value)
    {
        using var properties = value.EnumerateObject();
        if (!properties.MoveNext() || !properties.Current.Name.StartsWith('$'))
        {
            return false;
        }

        var first = properties.Current;
        var second = properties.MoveNext() ? properties.Current : default(JsonProperty?);
        if (second is { } other)
        {
            // Only the legacy binary form has two keys: {"$binary": "<base64>", "$type": "00"}.
            if (first.Name == "$binary" && other.Name == "$type" && !properties.MoveNext() && first.Value.ValueKind == JsonValueKind.String)
            {
                writer.WriteStringValue(first.Value.GetString());
                return true;
            }

            return false;
        }

        switch (first.Name)
        {
            case "$oid" or "$symbol" or "$uuid" when first.Value.ValueKind == JsonValueKind.String:
                writer.WriteStringValue(first.Value.GetString());
                return true;
            case "$date":
                writer.WriteStringValue(FormatInstant(ReadDate(first.Value)));
                return true;
            case "$numberInt":
                writer.WriteNumberValue(ParseNumber(first, static (string s, out int v) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v)));
                return true;
            case "$numberLong":
                writer.WriteNumberValue(ParseNumber(first, static (string s, out long v) => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v)));
                return true;
            case "$numberDouble":
                WriteDouble(writer, first);
                return true;
            case "$numberDecimal":
                WriteDecimal(writer, first);
                return true;
            case "$binary" when first.Value.ValueKind == JsonValueKind.Object && first.Value.TryGetProperty("base64", out var base64):
                writer.WriteStringValue(base64.GetString());
                return true;
            case "$undefined":
                writer.WriteNullValue();
                return true;
            default:
                return false;
        }
    }

    private static DateTimeOffset ReadDate(JsonElement date)
    {
        switch (date.ValueKind)
        {
            case JsonValueKind.String when TryParseIsoDate(date.GetString()!, out var parsed):
                return parsed;
            case JsonValueKind.Object when SingleProperty(date, "$numberLong") is { ValueKind: JsonValueKind.String } text
                && long.TryParse(text.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds):
                return FromUnixMilliseconds(milliseconds);
            // mongoexport before Extended JSON v2 wrote milliseconds as a bare number.
            case JsonValueKind.Number when date.TryGetInt64(out var legacyMilliseconds):
                return FromUnixMilliseconds(legacyMilliseconds);
            default:
                throw new ExtendedJsonException($"$date holds {Describe(date)}, not a date");
        }
    }

    private static DateTimeOffset FromUnixMilliseconds(long milliseconds)
    {
        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new ExtendedJsonException($"$date {milliseconds} ms is outside the years 1 to 9999", ex);
        }
    }

    private static bool TryParseIsoDate(string text, out DateTimeOffset instant)
    {
        // Only ISO-8601 with a time: free text that merely looks like a date ("07/22/2021") stays text.
        if (text.Length >= 19 && text[4] == '-' && text[7] == '-' && text[10] == 'T')
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
        }

        instant = default;
        return false;
    }

    private delegate bool NumberParser<T>(string text, out T value);

    private static T ParseNumber<T>(JsonProperty wrapper, NumberParser<T> parse)
    {
        if (wrapper.Value.ValueKind == JsonValueKind.String && parse(wrapper.Value.GetString()!, out var value))
        {
            return value;
        }

        throw new ExtendedJsonException($"{wrapper.Name} holds {Describe(wrapper.Value)}, not a number of that kind");
    }

    private static void WriteDouble(Utf8JsonWriter writer, JsonProperty wrapper)
    {
        var value = ParseNumber(wrapper, static (string s, out double v) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v));
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            // JSON has no Infinity or NaN; null is the one value every reader accepts.
            writer.WriteNullValue();
        }
    }

    private static void WriteDecimal(Utf8JsonWriter writer, JsonProperty wrapper)
    {
        if (wrapper.Value.ValueKind != JsonValueKind.String)
        {
            throw new ExtendedJsonException($"$numberDecimal holds {Describe(wrapper.Value)}, not a number");
        }

        var text = wrapper.Value.GetString()!;
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            // Decimal128 reaches beyond .NET's decimal (and has NaN/Infinity): keep its exact text rather than round it.
            writer.WriteStringValue(text);
        }
    }

    private static JsonElement? SingleProperty(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        using var properties = value.EnumerateObject();
        if (!properties.MoveNext() || properties.Current.Name != name)
        {
            return null;
        }

        var found = properties.Current.Value;
        return properties.MoveNext() ? null : found;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "\"" + Truncate(value.GetString()!) + "\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => Truncate(value.GetRawText()),
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
