using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace LivechatFunctions.Storage;

/// <summary>
/// Cosmos DB's own limits. A value past them cannot name a stored document, so it is refused before any
/// store call (the store would answer an error, not "not found"); documents are read as deep as it stores them.
/// </summary>
public static class StoreLimits
{
    /// <summary>Longest partition key value, in UTF-8 bytes.</summary>
    public const int PartitionKeyMaxBytes = 2048;

    /// <summary>Longest document id, in characters.</summary>
    public const int IdMaxLength = 255;

    /// <summary>Parsing options for store answers: Cosmos DB nests documents up to 128 levels, deeper than the parser's default.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = 128 };

    /// <summary>
    /// Characters of room ids one query may carry as a parameter. Cosmos DB refuses a query whose text and parameters
    /// pass 524,288 characters; this leaves the rest for the text and the other parameters with room to spare.
    /// </summary>
    public const int RoomIdCharactersPerQuery = 200_000;

    private static readonly char[] CharactersNotInIds = ['/', '\\', '?', '#'];

    /// <summary>
    /// <paramref name="ids"/> in their order, cut into runs whose JSON (quotes, escapes and commas counted) stays within
    /// <paramref name="budget"/> characters, so a query carrying one run stays within Cosmos DB's query size limit.
    /// </summary>
    public static List<string[]> SplitIds(IEnumerable<string> ids, int budget = RoomIdCharactersPerQuery)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var runs = new List<string[]>();
        var run = new List<string>();
        var size = 2;
        foreach (var id in ids)
        {
            var cost = JsonCharacters(id) + 1;
            if (run.Count > 0 && size + cost > budget)
            {
                runs.Add([.. run]);
                run.Clear();
                size = 2;
            }

            run.Add(id);
            size += cost;
        }

        if (run.Count > 0)
        {
            runs.Add([.. run]);
        }

        return runs;
    }

    // A JSON string's length as the SDK writes it: quotes, and six characters for each control character, quote or backslash.
    private static int JsonCharacters(string text)
    {
        var length = 2;
        foreach (var c in text)
        {
            length += c < 0x20 || c is '"' or '\\' ? 6 : 1;
        }

        return length;
    }

    public static bool CanBePartitionKey([NotNullWhen(true)] string? value) =>
        !string.IsNullOrEmpty(value) && Encoding.UTF8.GetByteCount(value) <= PartitionKeyMaxBytes;

    public static bool CanBeId([NotNullWhen(true)] string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= IdMaxLength && id.IndexOfAny(CharactersNotInIds) < 0
        && SurvivesInAnAddress(id);

    private static readonly Uri AddressBase = new("https://store.invalid/");

    // The SDK puts the id into the request's address as it is, and System.Uri then trims white space off the end,
    // unescapes unreserved characters, upper-cases escapes and resolves "." and ".." segments, while the request's
    // signature keeps the id as given: Cosmos DB answers such a read with 401. An id is readable when the address,
    // decoded, is the id itself again ("a%3fb" is sent as "a%3Fb", which decodes to "a?b").
    private static bool SurvivesInAnAddress(string id) =>
        Uri.TryCreate(AddressBase, "docs/" + id, out var address)
        && string.Equals(Uri.UnescapeDataString(address.AbsolutePath), "/docs/" + id, StringComparison.Ordinal);
}
