using System.CommandLine;
using LivechatFunctions.Storage;

namespace LivechatFunctions.Importer.CommandLine;

/// <summary>The <c>livechat-import</c> command: its options, and the checks that need more than one of them.</summary>
public static class ImportCommandLine
{
    private static readonly Option<string?> Endpoint = Text("--endpoint", "url", "Cosmos DB account endpoint, e.g. https://myaccount.documents.azure.com:443/ (not needed with --dry-run; with it, only read).");

    private static readonly Option<string?> Key = Text("--key", "key", "Account key, for the local server or the emulator only (a loopback endpoint). Azure accounts use Microsoft Entra ID.");

    private static readonly Option<string?> ManagedIdentityClientId = Text("--managed-identity-client-id", "client-id", "Client id of a user-assigned managed identity to sign in with; without it (and without --key), DefaultAzureCredential (az login, ...).");

    private static readonly Option<string> Database = WithDefault("--database", "name", "Database name.", "livechat");

    private static readonly Option<string> RoomsContainer = WithDefault("--rooms-container", "name", "Container for chats and messages (partition key /visitorId).", "rooms");

    private static readonly Option<string> TokensContainer = WithDefault("--tokens-container", "name", "Container for token documents (partition key /userId).", "tokens");

    private static readonly Option<string?> Rooms = Text("--rooms", "file", "mongoexport of rocketchat_room (JSON lines).");

    private static readonly Option<string?> Messages = Text("--messages", "file", "mongoexport of rocketchat_message (JSON lines); needs --rooms.");

    private static readonly Option<string?> Users = Text("--users", "file", "mongoexport of users (JSON lines), active and inactive: their login and personal access tokens. Token documents of tokens it no longer lists, and of deactivated users, are deleted.");

    private static readonly Option<bool> RemoveAbsentUsers = Switch("--remove-absent-users", "Also delete the token documents of users that are not in the users export (a deleted user, or an export of part of the users). Refused if the users export has a malformed line.");

    private static readonly Option<string?> DepartmentAgents = Text("--department-agents", "file", "mongoexport of rocketchat_livechat_department_agents (JSON lines): the departments each agent serves; needs --users.");

    private static readonly Option<int> LoginExpirationDays = WithDefault("--login-expiration-days", "days", "Days a login token lives after 'when' (Rocket.Chat's Accounts_LoginExpiration).", ImportOptions.DefaultLoginExpirationDays);

    private static readonly Option<int> Concurrency = WithDefault("--concurrency", "count", "Most upserts in flight at once.", ImportOptions.DefaultConcurrency);

    private static readonly Option<bool> Strict = Switch("--strict", "Stop at the first malformed line (exit code 3) instead of skipping it.");

    private static readonly Option<bool> DryRun = Switch("--dry-run", "Read and convert everything and show what would be written and deleted; write nothing. With --endpoint it reads the store to tell which documents would be deleted.");

    private static readonly Option<bool> CreateContainers = Switch("--create-containers", "Create the database and containers if missing (local server or emulator; in Azure they come from infra/main.bicep).");

    private static readonly Option<bool> NoBulk = Switch("--no-bulk", "Send upserts one by one instead of in the SDK's bulk batches (needed for the local cosmosdb-server).");

    public static RootCommand Command { get; } = CreateCommand();

    public static ParsedCommandLine Parse(IReadOnlyList<string> args)
    {
        var parse = Command.Parse(args);
        if (parse.Errors.Count > 0)
        {
            return new ParsedCommandLine(null, [.. parse.Errors.Select(e => e.Message)], parse);
        }

        if (parse.Action is not null)
        {
            return new ParsedCommandLine(null, [], parse);
        }

        var errors = new List<string>();
        var options = new ImportOptions
        {
            Endpoint = ParseEndpoint(parse.GetValue(Endpoint), errors),
            Key = Blank(parse.GetValue(Key)),
            ManagedIdentityClientId = Blank(parse.GetValue(ManagedIdentityClientId)),
            DatabaseName = parse.GetValue(Database)!,
            RoomsContainerName = parse.GetValue(RoomsContainer)!,
            TokensContainerName = parse.GetValue(TokensContainer)!,
            RoomsFile = Blank(parse.GetValue(Rooms)),
            MessagesFile = Blank(parse.GetValue(Messages)),
            UsersFile = Blank(parse.GetValue(Users)),
            RemoveAbsentUsers = parse.GetValue(RemoveAbsentUsers),
            DepartmentAgentsFile = Blank(parse.GetValue(DepartmentAgents)),
            LoginExpirationDays = parse.GetValue(LoginExpirationDays),
            Concurrency = parse.GetValue(Concurrency),
            Strict = parse.GetValue(Strict),
            DryRun = parse.GetValue(DryRun),
            CreateContainers = parse.GetValue(CreateContainers),
            UseBulk = !parse.GetValue(NoBulk),
        };
        errors.AddRange(Validate(options));
        return errors.Count == 0 ? new ParsedCommandLine(options, [], parse) : new ParsedCommandLine(null, errors, parse);
    }

    /// <summary>The checks that involve more than one option or the file system.</summary>
    public static IEnumerable<string> Validate(ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RoomsFile is null && options.UsersFile is null)
        {
            yield return "Nothing to import: give --rooms (with --messages) and/or --users.";
        }

        if (options.MessagesFile is not null && options.RoomsFile is null)
        {
            yield return "--messages needs --rooms: a message's partition is its room's visitor.";
        }

        if (options.RemoveAbsentUsers && options.UsersFile is null)
        {
            yield return "--remove-absent-users needs --users: absent means absent from the users export.";
        }

        if (options.DepartmentAgentsFile is not null && options.UsersFile is null)
        {
            yield return "--department-agents needs --users: departments are written onto users' tokens.";
        }

        foreach (var (option, path) in new[] { ("--rooms", options.RoomsFile), ("--messages", options.MessagesFile), ("--users", options.UsersFile), ("--department-agents", options.DepartmentAgentsFile) })
        {
            if (path is not null && !File.Exists(path))
            {
                yield return $"{option}: file not found: {path}";
            }
        }

        if (options.LoginExpirationDays is < 1 or > 36500)
        {
            yield return "--login-expiration-days must be between 1 and 36500.";
        }

        if (options.Concurrency is < 1 or > 1000)
        {
            yield return "--concurrency must be between 1 and 1000.";
        }

        if (options.Key is not null && options.ManagedIdentityClientId is not null)
        {
            yield return "--key and --managed-identity-client-id exclude each other.";
        }

        if (options.DryRun && options.CreateContainers)
        {
            yield return "--create-containers writes, and --dry-run writes nothing: give one or the other.";
        }

        // A dry run needs no endpoint; given one, it only reads, with the same rules for keys.
        if (options.DryRun && options.Endpoint is null)
        {
            yield break;
        }

        if (options.Endpoint is not { } endpoint)
        {
            yield return "--endpoint is required (or use --dry-run).";
            yield break;
        }

        var loopback = LoopbackEndpoint.IsLoopback(endpoint);
        if (options.Key is not null && !loopback)
        {
            yield return "--key is accepted only for the local server or the emulator (a loopback endpoint); sign in to Azure accounts with Microsoft Entra ID (az login).";
        }

        if (options.CreateContainers && !loopback)
        {
            yield return "--create-containers is for the local server or the emulator; in Azure the database and containers come from infra/main.bicep.";
        }
    }

    private static RootCommand CreateCommand()
    {
        var command = new RootCommand(
            "Imports a Rocket.Chat workspace's live-chat history (mongoexport files) into the Livechat Functions Cosmos DB containers. " +
            "Exit codes: 0 done, 1 store or input file failed, 2 wrong command line, 3 input refused (a malformed line with --strict, a users export without the fields it needs), " +
            "4 done but the store rejected some documents, 130 cancelled (Ctrl+C). See docs/importing.md.");
        foreach (var option in new Option[] { Endpoint, Key, ManagedIdentityClientId, Database, RoomsContainer, TokensContainer, Rooms, Messages, Users, RemoveAbsentUsers, DepartmentAgents, LoginExpirationDays, Concurrency, Strict, DryRun, CreateContainers, NoBulk })
        {
            command.Options.Add(option);
        }

        return command;
    }

    private static Uri? ParseEndpoint(string? text, List<string> errors)
    {
        if (Blank(text) is not { } value)
        {
            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "https" or "http")
        {
            return endpoint;
        }

        errors.Add($"--endpoint must be an absolute https URL, not '{value}'.");
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static Option<string?> Text(string name, string helpName, string description) =>
        new(name) { HelpName = helpName, Description = description };

    private static Option<T> WithDefault<T>(string name, string helpName, string description, T defaultValue) =>
        new(name) { HelpName = helpName, Description = description, DefaultValueFactory = _ => defaultValue };

    private static Option<bool> Switch(string name, string description) => new(name) { Description = description };
}
