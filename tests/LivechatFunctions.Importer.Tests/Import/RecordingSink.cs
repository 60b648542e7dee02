using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Import;
using LivechatFunctions.Importer.Store;

namespace LivechatFunctions.Importer.Tests.Import;

/// <summary>Keeps every document, deletion and reconciliation it is given, in order, and counts documents as written.</summary>
public sealed class RecordingSink(ImportTally tally) : IDocumentSink
{
    public List<ConvertedDocument> Documents { get; } = [];

    public List<DocumentDeletion> Deletions { get; } = [];

    public List<TokenReconciliation> Reconciliations { get; } = [];

    /// <summary>The user ids given to <see cref="RemoveTokensOfAbsentUsersAsync"/>, or <c>null</c> when it was not called.</summary>
    public IReadOnlySet<string>? ExportedUserIds { get; private set; }

    public long Unconfirmed => 0;

    public ConvertedDocument WithId(string id) => Documents.Single(d => d.Id == id);

    public TokenReconciliation ReconciliationOf(string userId) => Reconciliations.Single(r => r.UserId == userId);

    public ValueTask WriteAsync(ConvertedDocument document, CancellationToken cancellationToken)
    {
        Documents.Add(document);
        tally.AddWritten(document.Kind);
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteAsync(DocumentDeletion deletion, CancellationToken cancellationToken)
    {
        Deletions.Add(deletion);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReconcileTokensAsync(TokenReconciliation reconciliation, CancellationToken cancellationToken)
    {
        Reconciliations.Add(reconciliation);
        return ValueTask.CompletedTask;
    }

    public Task RemoveTokensOfAbsentUsersAsync(IReadOnlySet<string> exportedUserIds, CancellationToken cancellationToken)
    {
        ExportedUserIds = exportedUserIds;
        return Task.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
