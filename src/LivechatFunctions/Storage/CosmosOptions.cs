using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Storage;

/// <summary>How the app reaches Cosmos DB (configuration section "Cosmos").</summary>
public sealed class CosmosOptions
{
    public const string SectionName = "Cosmos";

    /// <summary>Account endpoint, e.g. https://myaccount.documents.azure.com:443/.</summary>
    public string AccountEndpoint { get; set; } = string.Empty;

    /// <summary>Account key; accepted only for a server on a loopback address (the emulator or the local server).</summary>
    public string? AccountKey { get; set; }

    /// <summary>Client id of the user-assigned managed identity; when empty, DefaultAzureCredential is used.</summary>
    public string? ManagedIdentityClientId { get; set; }

    public string DatabaseName { get; set; } = "livechat";

    public string RoomsContainerName { get; set; } = "rooms";

    public string TokensContainerName { get; set; } = "tokens";

    /// <summary>Direct (TCP, the Azure default) or Gateway (HTTPS). A loopback endpoint always uses Gateway.</summary>
    public ConnectionMode ConnectionMode { get; set; } = ConnectionMode.Direct;

    /// <summary>Comma-separated Azure regions to read from, nearest first (e.g. "West Europe,North Europe").</summary>
    public string? PreferredRegions { get; set; }

    /// <summary>Longest wait for one store request; an HTTP caller should not wait the SDK's default minute.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times the SDK retries a throttled (429) request before the endpoint answers 503.</summary>
    public int MaxRateLimitRetries { get; set; } = 2;

    /// <summary>Total time the SDK may spend waiting on throttling retries (its own default is 30 s).</summary>
    public TimeSpan MaxRateLimitRetryWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest <see cref="WarmupTimeout"/> accepted: the Functions host waits for the worker, not forever.</summary>
    public static readonly TimeSpan MaxWarmupTimeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long start-up waits for the store client to be made ready (account, both containers, first token; see
    /// <see cref="CosmosWarmup"/>) before the app serves anyway; 00:00:00 skips it.
    /// </summary>
    public TimeSpan WarmupTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
