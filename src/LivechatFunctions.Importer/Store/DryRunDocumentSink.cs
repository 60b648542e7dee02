using System.Text.Json;
using System.Text.Json.Nodes;
using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Import;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Importer.Store;

/// <summary>
/// Counts what would be written and deleted and keeps the first few documents of each kind to show; writes and
/// deletes nothing. Given the containers (a dry run with --endpoint), it reads them to tell which deletions
/// would happen; without them it counts the deletions it could not check.
/// </summary>
/// <param name="tally">Receives the counts, as a real run's writes would.</param>
/// <param name="rooms">The rooms container to read, or <c>null</c> without an endpoint.</param>
/// <param name="tokens">The tokens container to read, or <c>null</c> without an endpoint.</param>
/// <param name="samplesPerKind">How many documents of each kind to keep.</param>
public sealed class DryRunDocumentSink(ImportTally tally, Container? rooms = null, Container? tokens = null, int samplesPerKind = 2) : IDocumentSink
{
    /// <summary>Deletions listed one by one; the rest are only counted.</summary>
    public const int MaxListedDeletions = 20;

    private static readonly JsonSerializerOptions SampleFormat = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<string> _samples = [];
    private readonly List<string> _deletions = [];
    private readonly int[] _sampled = new int[Enum.GetValues<DocumentKind>().Length];

    public long Unconfirmed => 0;

    /// <summary>The kept documents, indented, with token ids and visitor tokens shortened: they are not for sharing in a terminal.</summary>
    public IReadOnlyList<string> Samples => _samples;

    /// <summary>The first deletions that would happen (checked against the store), one line each.</summary>
    public IReadOnlyList<string> Deletions => _deletions;

    /// <summary>Whether the dry run can see the store, and so tell which deletions would happen.</summary>
    public bool SeesStore => rooms is not null && tokens is not null;

    public ValueTask WriteAsync(ConvertedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        cancellationToken.ThrowIfCancellationRequested();
        tally.AddWritten(document.Kind);
        if (_sampled[(int)document.Kind] < samplesPerKind)
        {
            _sampled[(int)document.Kind]++;
            _samples.Add(Format(document));
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DeleteAsync(DocumentDeletion deletion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        cancellationToken.ThrowIfCancellationRequested();
        if (CountedUnchecked(deletion.Reason))
        {
            return;
        }

        var container = deletion.Kind == DocumentKind.Token ? tokens! : rooms!;
        using var response = await container.ReadItemStreamAsync(deletion.Id, new PartitionKey(deletion.PartitionKey), cancellationToken: cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return;
        }

        ThrowIfFailed(response, "reading " + deletion.Id);
        Deleted(deletion);
    }

    public async ValueTask ReconcileTokensAsync(TokenReconciliation reconciliation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reconciliation);
        cancellationToken.ThrowIfCancellationRequested();
        if (CountedUnchecked(reconciliation.Reason))
        {
            return;
        }

        var query = TokenDocumentQueries.IdsOfUser(reconciliation.UserId);
        foreach (var (id, _) in await ReadAllAsync(query, TokenDocumentQueries.InPartition(reconciliation.UserId), cancellationToken))
        {
            if (!reconciliation.Kept.Contains(id))
            {
                Deleted(new DocumentDeletion(DocumentKind.Token, id, reconciliation.UserId, reconciliation.Reason, reconciliation.Source));
            }
        }
    }

    public async Task RemoveTokensOfAbsentUsersAsync(IReadOnlySet<string> exportedUserIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exportedUserIds);
        if (CountedUnchecked(DeletionReasons.TokenOfAbsentUser))
        {
            return;
        }

        foreach (var (id, userId) in await ReadAllAsync(null, null, cancellationToken))
        {
            if (userId is not null && !exportedUserIds.Contains(userId))
            {
                Deleted(new DocumentDeletion(DocumentKind.Token, id, userId, DeletionReasons.TokenOfAbsentUser, "users export"));
            }
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A secret cut to its first 6 and last 4 characters, or to its first 2 when it is short.</summary>
    public static string Abbreviate(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Length <= 12 ? id[..Math.Min(2, id.Length)] + "…" : id[..6] + "…" + id[^4..];
    }

    /// <summary>
    /// Without the store a deletion cannot be checked, so it is counted as unchecked; says whether it was.
    /// </summary>
    private bool CountedUnchecked(DeletionReason reason)
    {
        if (SeesStore)
        {
            return false;
        }

        tally.AddUnchecked(reason);
        return true;
    }

    private void Deleted(DocumentDeletion deletion)
    {
        tally.AddDeleted(deletion.Reason);
        if (_deletions.Count < MaxListedDeletions)
        {
            var id = deletion.Kind == DocumentKind.Token ? Abbreviate(deletion.Id) : deletion.Id;
            _deletions.Add($"{deletion.Kind.ToString().ToLowerInvariant()} {id} (partition {deletion.PartitionKey}, from {deletion.Source}): {deletion.Reason.Description}");
        }
    }

    private async Task<List<(string Id, string? UserId)>> ReadAllAsync(QueryDefinition? query, QueryRequestOptions? options, CancellationToken cancellationToken)
    {
        var items = new List<(string, string?)>();
        string? continuation = null;
        do
        {
            using var iterator = TokenDocumentQueries.Page(tokens!, query, continuation, options);
            using var page = await iterator.ReadNextAsync(cancellationToken);
            ThrowIfFailed(page, "reading the token documents");
            items.AddRange(await TokenDocumentQueries.ItemsOfAsync(page, cancellationToken));
            continuation = string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken;
        }
        while (continuation is not null);

        return items;
    }

    private static void ThrowIfFailed(ResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new StoreFailedException($"{what}: " + StoreStatusClassifier.Explain(response.StatusCode, response.ErrorMessage ?? "no detail"));
        }
    }

    private static string Format(DocumentKind kind, string partitionKey, string source, JsonNode node) =>
        $"{kind.ToString().ToLowerInvariant()} (partition {partitionKey}, from {source}):{Environment.NewLine}{node.ToJsonString(SampleFormat)}";

    private static string Format(ConvertedDocument document)
    {
        var node = JsonNode.Parse(document.Json.Span)!;
        if (document.Kind == DocumentKind.Token)
        {
            node["id"] = Abbreviate(document.Id);
        }
        else
        {
            // A visitor's widget token (v.token, and the token on the messages they sent) lets anyone act as the visitor.
            MaskTokens(node);
        }

        return Format(document.Kind, document.PartitionKey, document.Source, node);
    }

    private static void MaskTokens(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name == "token" && value is JsonValue text && text.TryGetValue<string>(out var token))
                    {
                        obj[name] = Abbreviate(token);
                    }
                    else
                    {
                        MaskTokens(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    MaskTokens(item);
                }

                break;
        }
    }
}
