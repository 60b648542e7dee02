using LivechatFunctions.Importer.CommandLine;
using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Export;
using LivechatFunctions.Importer.Store;

namespace LivechatFunctions.Importer.Import;

/// <summary>
/// Reads the export files in the order the documents depend on each other and hands every document to the sink:
/// department agents (small, kept in memory), users (tokens, after a check that the export has the fields the
/// import needs; then the token documents Rocket.Chat no longer has are deleted), rooms once for the room →
/// visitor map, messages (which need that map and yield the closing messages; hidden ones lose their
/// documents), and rooms again to write them with their closing message.
/// </summary>
/// <param name="options">Which files and settings.</param>
/// <param name="sink">Where documents go.</param>
/// <param name="tally">Counts skips and malformed lines (the sink counts writes).</param>
/// <param name="progress">Bytes read, for the progress line.</param>
/// <param name="clock">"Now", for token expiry.</param>
/// <param name="report">Receives one line per problem (malformed line, rejected document).</param>
public sealed class ImportRun(ImportOptions options, IDocumentSink sink, ImportTally tally, ImportProgress progress, TimeProvider clock, Action<string> report)
{
    /// <summary>Malformed lines reported one by one per file; the rest are only counted.</summary>
    public const int MaxReportedLinesPerFile = 20;

    private readonly Dictionary<string, int> _reportedPerFile = new(StringComparer.Ordinal);

    /// <summary>Bytes the run reads: the rooms file twice when messages need the room map first.</summary>
    public static long TotalBytes(ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        long total = 0;
        foreach (var path in new[] { options.DepartmentAgentsFile, options.UsersFile, options.MessagesFile, options.RoomsFile })
        {
            total += path is null ? 0 : new FileInfo(path).Length;
        }

        if (options.RoomsFile is not null && options.MessagesFile is not null)
        {
            total += new FileInfo(options.RoomsFile).Length;
        }

        return total;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        progress.TotalBytes = TotalBytes(options);
        if (options.UsersFile is { } checkedUsers)
        {
            progress.Phase = "checking the users export";
            await UsersExportCheck.CheckAsync(checkedUsers, options.RemoveAbsentUsers, cancellationToken);
        }

        IReadOnlyDictionary<string, IReadOnlyList<string>>? departments = null;
        if (options.DepartmentAgentsFile is { } agentsFile)
        {
            departments = await ReadDepartmentsAsync(agentsFile, cancellationToken);
        }

        if (options.UsersFile is { } usersFile)
        {
            await ImportUsersAsync(usersFile, departments, cancellationToken);
        }

        if (options.RoomsFile is { } roomsFile)
        {
            LivechatRoomIndex? index = null;
            if (options.MessagesFile is { } messagesFile)
            {
                index = await IndexRoomsAsync(roomsFile, cancellationToken);
                await ImportMessagesAsync(messagesFile, index, cancellationToken);
            }

            await ImportRoomsAsync(roomsFile, index, cancellationToken);
        }

        await sink.FlushAsync(cancellationToken);
        progress.Phase = "done";
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadDepartmentsAsync(string path, CancellationToken cancellationToken)
    {
        var assignments = new DepartmentAssignments();
        await ForEachLineAsync(path, "department agents", reportParseErrors: true, line =>
        {
            if (assignments.Add(line.Root) is { } skip)
            {
                tally.AddSkipped(skip);
            }

            return ValueTask.CompletedTask;
        }, cancellationToken);
        return assignments.ByAgent();
    }

    private async Task ImportUsersAsync(string path, IReadOnlyDictionary<string, IReadOnlyList<string>>? departments, CancellationToken cancellationToken)
    {
        var converter = new TokenConverter(clock, TimeSpan.FromDays(options.LoginExpirationDays), departments);
        HashSet<string>? exportedUserIds = options.RemoveAbsentUsers ? new(StringComparer.Ordinal) : null;
        await ForEachLineAsync(path, "users", reportParseErrors: true, async line =>
        {
            // Before converting: a user whose line fails to convert is still a user of the export.
            if (exportedUserIds is not null && line.Root.TryGetProperty("_id", out var id) && ExtendedJson.TryGetString(id, out var userId))
            {
                exportedUserIds.Add(userId);
            }

            var user = converter.Convert(line.Root, line.Location);
            foreach (var skip in user.Skips)
            {
                tally.AddSkipped(skip);
            }

            foreach (var document in user.Documents)
            {
                await sink.WriteAsync(document, cancellationToken);
            }

            if (user.Reconciliation is { } reconciliation)
            {
                await sink.ReconcileTokensAsync(reconciliation, cancellationToken);
            }
        }, cancellationToken);

        if (exportedUserIds is not null)
        {
            progress.Phase = "users absent from the export";
            await sink.RemoveTokensOfAbsentUsersAsync(exportedUserIds, cancellationToken);
        }
    }

    private async Task<LivechatRoomIndex> IndexRoomsAsync(string path, CancellationToken cancellationToken)
    {
        var index = new LivechatRoomIndex();
        // Lines that are not JSON are reported here, once; the writing pass skips them quietly.
        await ForEachLineAsync(path, "rooms (finding livechat rooms)", reportParseErrors: true, line =>
        {
            index.Add(RoomConverter.Inspect(line.Root));
            return ValueTask.CompletedTask;
        }, cancellationToken, onMalformed: malformed => RememberMalformedRoom(index, malformed));
        return index;
    }

    // A room line cut short still names its room: its messages are then skipped under a reason that says so.
    private static void RememberMalformedRoom(LivechatRoomIndex index, ExportLine line)
    {
        if (line.LeadingId is { } roomId)
        {
            index.AddMalformed(roomId);
        }
    }

    private async Task ImportMessagesAsync(string path, LivechatRoomIndex index, CancellationToken cancellationToken)
    {
        await ForEachLineAsync(path, "messages", reportParseErrors: true, async line =>
        {
            var message = MessageConverter.Convert(line.Root, index.VisitorOf, line.Location, index.IsMalformed);
            if (message.Closing is { } closing)
            {
                index.Offer(closing);
            }

            if (message.HiddenClosingRoomId is { } closedRoom && message.Deletion is { } hiddenClosing)
            {
                index.HideClosing(closedRoom, hiddenClosing.Id);
            }

            if (message.Document is { } document)
            {
                await sink.WriteAsync(document, cancellationToken);
            }
            else
            {
                tally.AddSkipped(message.Skip!);
            }

            if (message.Deletion is { } deletion)
            {
                await sink.DeleteAsync(deletion, cancellationToken);
            }
        }, cancellationToken);
    }

    private async Task ImportRoomsAsync(string path, LivechatRoomIndex? index, CancellationToken cancellationToken)
    {
        await ForEachLineAsync(path, "rooms", reportParseErrors: index is null, async line =>
        {
            var facts = RoomConverter.Inspect(line.Root);
            if (facts.Skip is { } skip)
            {
                tally.AddSkipped(skip);
                return;
            }

            var ownClosingHidden = facts.OwnClosingMessageId is { } ownClosing && index?.IsHiddenClosing(facts.RoomId, ownClosing) == true;
            var document = RoomConverter.ToDocument(line.Root, facts, index?.ClosingMessageOf(facts.RoomId), line.Location, ownClosingHidden);
            await sink.WriteAsync(document, cancellationToken);
        }, cancellationToken);
    }

    private async Task ForEachLineAsync(
        string path, string phase, bool reportParseErrors, Func<ExportLine, ValueTask> handle, CancellationToken cancellationToken, Action<ExportLine>? onMalformed = null)
    {
        progress.Phase = phase;
        var displayName = Path.GetFileName(path);
        await foreach (var line in JsonLinesReader.ReadAsync(path, displayName, progress.AddBytes, cancellationToken: cancellationToken))
        {
            using (line)
            {
                if (line.Error is { } error)
                {
                    if (reportParseErrors)
                    {
                        Malformed(line, error);
                    }

                    onMalformed?.Invoke(line);
                    continue;
                }

                try
                {
                    await handle(line);
                }
                catch (ExtendedJsonException ex)
                {
                    Malformed(line, ex.Message);
                }
            }
        }
    }

    private void Malformed(ExportLine line, string error)
    {
        tally.AddMalformed(line.File);
        var message = $"{line.Location}: malformed line skipped: {error}";
        if (options.Strict)
        {
            throw new InvalidExportException($"{line.Location}: malformed line: {error}");
        }

        var reported = _reportedPerFile.GetValueOrDefault(line.File);
        _reportedPerFile[line.File] = reported + 1;
        if (reported < MaxReportedLinesPerFile)
        {
            report(message);
        }
        else if (reported == MaxReportedLinesPerFile)
        {
            report($"{line.File}: more malformed lines; only their count is reported from here on");
        }
    }
}
