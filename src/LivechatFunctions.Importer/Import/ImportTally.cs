using System.Collections.Concurrent;
using LivechatFunctions.Importer.Conversion;

namespace LivechatFunctions.Importer.Import;

/// <summary>
/// What a run has done so far: documents confirmed written (or, in a dry run, that would be written), documents
/// deleted and why, what was skipped and why, malformed lines, and documents the store refused. Safe to update
/// from the writers.
/// </summary>
public sealed class ImportTally
{
    private readonly long[] _written = new long[Enum.GetValues<DocumentKind>().Length];
    private readonly long[] _rejected = new long[Enum.GetValues<DocumentKind>().Length];
    private readonly ConcurrentDictionary<SkipReason, long> _skipped = new();
    private readonly ConcurrentDictionary<string, long> _malformed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<DeletionReason, long> _deleted = new();
    private readonly ConcurrentDictionary<DeletionReason, long> _unchecked = new();

    public long WrittenTotal => Total(_written);

    public long RejectedTotal => Total(_rejected);

    public long MalformedTotal => _malformed.Values.Sum();

    /// <summary>Documents deleted (in a dry run: that would be), because the export shows Rocket.Chat no longer has them.</summary>
    public long DeletedTotal => _deleted.Values.Sum();

    /// <summary>Deletion counts by kind and reason.</summary>
    public IReadOnlyList<KeyValuePair<DeletionReason, long>> Deleted => Ordered(_deleted);

    /// <summary>
    /// A dry run without a store: deletions it could not check, by reason; messages counted one by one, tokens by
    /// user (which of a user's token documents go is known only from the store).
    /// </summary>
    public IReadOnlyList<KeyValuePair<DeletionReason, long>> Unchecked => Ordered(_unchecked);

    /// <summary>Skip counts, by subject (rooms, messages, users, tokens, others) and then by reason.</summary>
    public IReadOnlyList<KeyValuePair<SkipReason, long>> Skipped =>
        [.. _skipped.OrderBy(p => SubjectOrder(p.Key.Subject)).ThenBy(p => p.Key.Description, StringComparer.Ordinal)];

    /// <summary>Malformed line counts per input file.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> MalformedByFile => [.. _malformed.OrderBy(p => p.Key, StringComparer.Ordinal)];

    public long WrittenOf(DocumentKind kind) => Interlocked.Read(ref _written[(int)kind]);

    public long RejectedOf(DocumentKind kind) => Interlocked.Read(ref _rejected[(int)kind]);

    public long SkippedOf(SkipReason reason) => _skipped.GetValueOrDefault(reason);

    public void AddWritten(DocumentKind kind) => Interlocked.Increment(ref _written[(int)kind]);

    public void AddRejected(DocumentKind kind) => Interlocked.Increment(ref _rejected[(int)kind]);

    public void AddSkipped(SkipReason reason) => _skipped.AddOrUpdate(reason, 1, static (_, count) => count + 1);

    public long DeletedOf(DeletionReason reason) => _deleted.GetValueOrDefault(reason);

    public long UncheckedOf(DeletionReason reason) => _unchecked.GetValueOrDefault(reason);

    public void AddDeleted(DeletionReason reason) => _deleted.AddOrUpdate(reason, 1, static (_, count) => count + 1);

    public void AddUnchecked(DeletionReason reason) => _unchecked.AddOrUpdate(reason, 1, static (_, count) => count + 1);

    public void AddMalformed(string file) => _malformed.AddOrUpdate(file, 1, static (_, count) => count + 1);

    private static KeyValuePair<DeletionReason, long>[] Ordered(ConcurrentDictionary<DeletionReason, long> counts) =>
        [.. counts.Where(p => p.Value > 0).OrderBy(p => p.Key.Kind).ThenBy(p => p.Key.Description, StringComparer.Ordinal)];

    private static long Total(long[] counts)
    {
        long total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            total += Interlocked.Read(ref counts[i]);
        }

        return total;
    }

    private static int SubjectOrder(string subject) => subject switch
    {
        "rooms" => 0,
        "messages" => 1,
        "users" => 2,
        "tokens" => 3,
        _ => 4,
    };
}
