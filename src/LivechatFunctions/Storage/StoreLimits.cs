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

    private static readonly char[] CharactersNotInIds = ['/', '\\', '?', '#'];

    public static bool CanBePartitionKey([NotNullWhen(true)] string? value) =>
        !string.IsNullOrEmpty(value) && Encoding.UTF8.GetByteCount(value) <= PartitionKeyMaxBytes;

    public static bool CanBeId([NotNullWhen(true)] string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= IdMaxLength && id.IndexOfAny(CharactersNotInIds) < 0;
}
