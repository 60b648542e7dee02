using LivechatFunctions.Importer.Conversion;

namespace LivechatFunctions.Importer.Store;

/// <summary>Where converted documents go: Cosmos DB, or nowhere in a dry run.</summary>
public interface IDocumentSink
{
    /// <summary>Writes started but never confirmed: cancelled, or cut short when the store failed.</summary>
    long Unconfirmed { get; }

    /// <summary>Starts writing <paramref name="document"/>; waits only while the concurrency limit is reached.</summary>
    ValueTask WriteAsync(ConvertedDocument document, CancellationToken cancellationToken);

    /// <summary>Waits for every started write to finish; throws <see cref="StoreFailedException"/> if the store failed.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
