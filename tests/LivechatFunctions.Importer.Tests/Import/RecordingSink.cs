using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Import;
using LivechatFunctions.Importer.Store;

namespace LivechatFunctions.Importer.Tests.Import;

/// <summary>Keeps every document it is given, in order, and counts it as written.</summary>
public sealed class RecordingSink(ImportTally tally) : IDocumentSink
{
    public List<ConvertedDocument> Documents { get; } = [];

    public long Unconfirmed => 0;

    public ConvertedDocument WithId(string id) => Documents.Single(d => d.Id == id);

    public ValueTask WriteAsync(ConvertedDocument document, CancellationToken cancellationToken)
    {
        Documents.Add(document);
        tally.AddWritten(document.Kind);
        return ValueTask.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
