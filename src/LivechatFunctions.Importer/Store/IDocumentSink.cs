using LivechatFunctions.Importer.Conversion;

namespace LivechatFunctions.Importer.Store;

/// <summary>Where converted documents go, and what is taken away: Cosmos DB, or nowhere in a dry run.</summary>
public interface IDocumentSink
{
    /// <summary>Writes started but never confirmed: cancelled, or cut short when the store failed.</summary>
    long Unconfirmed { get; }

    /// <summary>Starts writing <paramref name="document"/>; waits only while the concurrency limit is reached.</summary>
    ValueTask WriteAsync(ConvertedDocument document, CancellationToken cancellationToken);

    /// <summary>Starts deleting the document, where it exists (a missing one is no error and is not counted).</summary>
    ValueTask DeleteAsync(DocumentDeletion deletion, CancellationToken cancellationToken);

    /// <summary>Starts deleting the user's token documents whose ids the reconciliation does not keep.</summary>
    ValueTask ReconcileTokensAsync(TokenReconciliation reconciliation, CancellationToken cancellationToken);

    /// <summary>Deletes the token documents of every user not in <paramref name="exportedUserIds"/>; returns once they are gone.</summary>
    Task RemoveTokensOfAbsentUsersAsync(IReadOnlySet<string> exportedUserIds, CancellationToken cancellationToken);

    /// <summary>Waits for every started write and deletion to finish; throws <see cref="StoreFailedException"/> if the store failed.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
