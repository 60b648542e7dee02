using System.Buffers;
using System.Text;

namespace LivechatFunctions.Importer.Conversion;

/// <summary>What Cosmos DB accepts as an id and a partition key value; anything else it refuses with 400.</summary>
public static class CosmosIds
{
    private const int MaxIdLength = 255;
    private const int MaxPartitionKeyBytes = 2048;
    private static readonly SearchValues<char> ForbiddenIdCharacters = SearchValues.Create("/\\?#");

    public static bool IsStorableId(string id) =>
        id.Length is > 0 and <= MaxIdLength && id.AsSpan().IndexOfAny(ForbiddenIdCharacters) < 0;

    public static bool IsStorablePartitionKey(string value) =>
        value.Length > 0 && Encoding.UTF8.GetByteCount(value) <= MaxPartitionKeyBytes;
}
