using System.Text.Json;

namespace LivechatFunctions.Storage;

/// <summary>
/// A chat's sort value and <c>_id</c>, compared as Cosmos DB orders them: by type first (undefined, null, booleans,
/// numbers, strings, then anything else), then by value, strings by ordinal. Used where the app orders chats the store
/// handed over in parts, so the order matches the one each part's ORDER BY produced.
/// </summary>
public readonly record struct StoreSortKey(int TypeRank, double Number, string? Text, string Id)
{
    /// <summary>Reads the row object under <paramref name="row"/>: its <c>_id</c> and its <paramref name="sortProperty"/>.</summary>
    public static StoreSortKey Read(ref Utf8JsonReader row, string sortProperty)
    {
        using var document = JsonDocument.ParseValue(ref row);
        var root = document.RootElement;
        var id = root.TryGetProperty("_id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString()! : string.Empty;
        if (!root.TryGetProperty(sortProperty, out var value))
        {
            return new StoreSortKey(0, 0, null, id);
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => new StoreSortKey(1, 0, null, id),
            JsonValueKind.False => new StoreSortKey(2, 0, null, id),
            JsonValueKind.True => new StoreSortKey(2, 1, null, id),
            JsonValueKind.Number => new StoreSortKey(3, value.GetDouble(), null, id),
            JsonValueKind.String => new StoreSortKey(4, 0, value.GetString(), id),
            _ => new StoreSortKey(5, 0, value.GetRawText(), id),
        };
    }

    /// <summary>Orders by value, then by <c>_id</c>, both ascending; reverse the result for a descending sort.</summary>
    public static int Compare(StoreSortKey x, StoreSortKey y)
    {
        var byValue = x.TypeRank != y.TypeRank ? x.TypeRank.CompareTo(y.TypeRank)
            : x.TypeRank is 2 or 3 ? x.Number.CompareTo(y.Number)
            : string.CompareOrdinal(x.Text, y.Text);
        return byValue != 0 ? byValue : string.CompareOrdinal(x.Id, y.Id);
    }
}
