namespace LivechatFunctions.Importer.CommandLine;

/// <summary>Everything one import run is told on its command line, validated.</summary>
public sealed record ImportOptions
{
    public const int DefaultConcurrency = 100;
    public const int DefaultLoginExpirationDays = 90;

    /// <summary>Cosmos DB account endpoint; <c>null</c> only for a dry run.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Account key, for a loopback endpoint (local server or emulator) only.</summary>
    public string? Key { get; init; }

    /// <summary>User-assigned managed identity's client id; when absent (and no key), DefaultAzureCredential.</summary>
    public string? ManagedIdentityClientId { get; init; }

    public string DatabaseName { get; init; } = "livechat";

    public string RoomsContainerName { get; init; } = "rooms";

    public string TokensContainerName { get; init; } = "tokens";

    /// <summary>mongoexport of rocketchat_room.</summary>
    public string? RoomsFile { get; init; }

    /// <summary>mongoexport of rocketchat_message.</summary>
    public string? MessagesFile { get; init; }

    /// <summary>mongoexport of users.</summary>
    public string? UsersFile { get; init; }

    /// <summary>mongoexport of rocketchat_livechat_department_agents.</summary>
    public string? DepartmentAgentsFile { get; init; }

    /// <summary>Rocket.Chat's Accounts_LoginExpiration, in days.</summary>
    public int LoginExpirationDays { get; init; } = DefaultLoginExpirationDays;

    /// <summary>Most upserts in flight at once.</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>Also delete the token documents of users the users export does not have (off by default).</summary>
    public bool RemoveAbsentUsers { get; init; }

    /// <summary>A malformed line ends the run instead of being skipped.</summary>
    public bool Strict { get; init; }

    /// <summary>Read and convert everything, write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Create the database and containers when missing (local server or emulator only).</summary>
    public bool CreateContainers { get; init; }

    /// <summary>The SDK's bulk mode; off for the local cosmosdb-server, which cannot read its batch requests.</summary>
    public bool UseBulk { get; init; } = true;
}
