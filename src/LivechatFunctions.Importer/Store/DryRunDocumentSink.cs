using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Import;

namespace LivechatFunctions.Importer.Store;

/// <summary>Counts what would be written and keeps the first few documents of each kind to show; writes nothing.</summary>
/// <param name="tally">Receives the counts, as a real run's writes would.</param>
/// <param name="samplesPerKind">How many documents of each kind to keep.</param>
public sealed class DryRunDocumentSink(ImportTally tally, int samplesPerKind = 2) : IDocumentSink
{
    private static readonly JsonSerializerOptions SampleFormat = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<string> _samples = [];
    private readonly int[] _sampled = new int[Enum.GetValues<DocumentKind>().Length];

    public long Unconfirmed => 0;

    /// <summary>The kept documents, indented, with token ids shortened: a digest is not for sharing in a terminal.</summary>
    public IReadOnlyList<string> Samples => _samples;

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

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A token id cut to its first 6 and last 4 characters.</summary>
    public static string Abbreviate(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Length <= 12 ? id : id[..6] + "…" + id[^4..];
    }

    private static string Format(ConvertedDocument document)
    {
        var node = JsonNode.Parse(document.Json.Span)!;
        if (document.Kind == DocumentKind.Token)
        {
            node["id"] = Abbreviate(document.Id);
        }

        return $"{document.Kind.ToString().ToLowerInvariant()} (partition {document.PartitionKey}, from {document.Source}):{Environment.NewLine}{node.ToJsonString(SampleFormat)}";
    }
}
