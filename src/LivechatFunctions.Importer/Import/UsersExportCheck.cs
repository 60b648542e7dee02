using System.Text.Json;
using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Export;

namespace LivechatFunctions.Importer.Import;

/// <summary>
/// Checks a users export before anything is written: deletions rest on it, so an export made without the fields
/// the import reads (an old <c>--fields</c> list, a <c>--query</c> on active users only) must not make every
/// user look logged out or deactivated. With --remove-absent-users the whole file must also be readable, since a
/// malformed line may be a user who is still there.
/// </summary>
public static class UsersExportCheck
{
    /// <summary>The export command the import needs (also in docs/importing.md).</summary>
    public const string ExportCommand =
        "mongoexport --uri \"$URI\" --collection users --fields _id,username,active,roles,services.resume.loginTokens --out users.jsonl";

    /// <summary>Reads as much of the file as the checks need; throws <see cref="InvalidExportException"/> with what to do.</summary>
    public static async Task CheckAsync(string path, bool everyLineMustBeReadable, CancellationToken cancellationToken)
    {
        var file = Path.GetFileName(path);
        var firstChecked = false;
        var loginTokensSeen = false;
        await foreach (var line in JsonLinesReader.ReadAsync(path, file, static _ => { }, cancellationToken: cancellationToken))
        {
            using (line)
            {
                if (line.Error is { } error)
                {
                    if (everyLineMustBeReadable)
                    {
                        throw new InvalidExportException(
                            $"{line.Location}: malformed line ({error}); --remove-absent-users needs a users export without malformed lines, " +
                            "since a malformed line may be a user who is still there. Export the users again, or run without --remove-absent-users.");
                    }

                    continue;
                }

                var user = line.Root;
                if (everyLineMustBeReadable && (!user.TryGetProperty("_id", out var id) || !ExtendedJson.TryGetString(id, out _)))
                {
                    throw new InvalidExportException(
                        $"{line.Location}: a user without a readable _id; --remove-absent-users needs every user of the export to be known.");
                }

                if (!firstChecked)
                {
                    firstChecked = true;
                    foreach (var field in new[] { "active", "roles" })
                    {
                        if (!user.TryGetProperty(field, out _))
                        {
                            throw MissingField(line.Location, $"'{field}'");
                        }
                    }
                }

                loginTokensSeen |= TokenConverter.HasLoginTokensField(user);
                if (loginTokensSeen && !everyLineMustBeReadable)
                {
                    return;
                }
            }
        }

        if (!firstChecked && everyLineMustBeReadable)
        {
            // An empty export would make every user absent.
            throw new InvalidExportException($"{file}: the users export has no users; --remove-absent-users would delete every token document.");
        }

        if (firstChecked && !loginTokensSeen)
        {
            throw MissingField(file, "'services.resume.loginTokens' on any user");
        }
    }

    private static InvalidExportException MissingField(string where, string field) =>
        new($"{where}: the users export has no {field}: it was made without the fields the import needs, and would make users " +
            $"look logged out or deactivated. Nothing was written. Export the users again with:{Environment.NewLine}  {ExportCommand}");
}
