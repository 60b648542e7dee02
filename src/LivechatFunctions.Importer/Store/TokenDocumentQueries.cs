using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Importer.Store;

/// <summary>
/// How the importer finds token documents that already exist: one user's by a parameterised query inside their
/// partition, and every user's (for --remove-absent-users only) by reading the container's feed, not by a
/// cross-partition query.
/// </summary>
public static class TokenDocumentQueries
{
    /// <summary>The ids of one user's token documents; run it with <see cref="InPartition"/>.</summary>
    public static QueryDefinition IdsOfUser(string userId) =>
        new QueryDefinition("SELECT c.id FROM c WHERE c.userId = @userId").WithParameter("@userId", userId);

    /// <summary>Confines a query to the user's partition (and lets the SDK send it without a query plan).</summary>
    public static QueryRequestOptions InPartition(string userId) =>
        new() { PartitionKey = new PartitionKey(userId), EnableOptimisticDirectExecution = true };

    /// <summary>Opens one page of the query, or of the container's feed when <paramref name="query"/> is <c>null</c>.</summary>
    public static FeedIterator Page(Container tokens, QueryDefinition? query, string? continuation, QueryRequestOptions? options)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens.GetItemQueryStreamIterator(query, continuation, options);
    }

    /// <summary>The <c>id</c> and <c>userId</c> of each document in a page the store answered.</summary>
    public static async Task<IReadOnlyList<(string Id, string? UserId)>> ItemsOfAsync(ResponseMessage page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Content is null)
        {
            return [];
        }

        using var body = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken);
        if (!body.RootElement.TryGetProperty("Documents", out var documents) || documents.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var items = new List<(string, string?)>();
        foreach (var document in documents.EnumerateArray())
        {
            if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                var userId = document.TryGetProperty("userId", out var user) && user.ValueKind == JsonValueKind.String ? user.GetString() : null;
                items.Add((id.GetString()!, userId));
            }
        }

        return items;
    }
}
