using System.Net;
using Azure.Core;
using Azure.Identity;
using LivechatFunctions.Importer.CommandLine;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Importer.Store;

/// <summary>
/// The importer's own Cosmos DB client and the two containers it writes, checked before anything is read:
/// a wrong partition key or a missing container is better found at the start than after an hour of reading.
/// </summary>
public sealed class ImportTarget : IDisposable
{
    public const string RoomsPartitionKeyPath = "/visitorId";
    public const string TokensPartitionKeyPath = "/userId";

    private readonly CosmosClient _client;

    private ImportTarget(CosmosClient client, Container rooms, Container tokens)
    {
        _client = client;
        Rooms = rooms;
        Tokens = tokens;
    }

    public Container Rooms { get; }

    public Container Tokens { get; }

    /// <summary>
    /// The app's client settings (loopback handling included) tuned for a long batch job: bulk mode, patient
    /// throttling retries and timeouts, and no document echoed back on writes.
    /// </summary>
    public static CosmosClientOptions ClientOptions(ImportOptions options, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new CosmosOptions
        {
            AccountEndpoint = endpoint.AbsoluteUri,
            DatabaseName = options.DatabaseName,
            RequestTimeout = TimeSpan.FromSeconds(30),
            MaxRateLimitRetries = 30,
            MaxRateLimitRetryWait = TimeSpan.FromMinutes(5),
        };
        var clientOptions = CosmosClientFactory.CreateClientOptions(settings, endpoint);
        clientOptions.ApplicationName = "livechat-import";
        // A dry run only reads, one document at a time: batching has nothing to pack.
        clientOptions.AllowBulkExecution = options.UseBulk && !options.DryRun;
        clientOptions.EnableContentResponseOnWrite = false;
        return clientOptions;
    }

    /// <summary>Opens (and with --create-containers creates) the containers; throws <see cref="StoreFailedException"/> with what to do.</summary>
    public static async Task<ImportTarget> OpenAsync(ImportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.Endpoint ?? throw new ArgumentException("An endpoint is needed to write.", nameof(options));
        var client = CreateClient(options, endpoint);
        try
        {
            var rooms = await OpenContainerAsync(client, options, options.RoomsContainerName, RoomsPartitionKeyPath, null, cancellationToken);
            // Token documents carry their own ttl; the container must have TTL on (-1: no default expiry) for it to count.
            var tokens = await OpenContainerAsync(client, options, options.TokensContainerName, TokensPartitionKeyPath, -1, cancellationToken);
            return new ImportTarget(client, rooms, tokens);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();

    private static CosmosClient CreateClient(ImportOptions options, Uri endpoint)
    {
        var clientOptions = ClientOptions(options, endpoint);
        if (options.Key is { } key)
        {
            // Checked with the options already; kept here so no path can send a key anywhere else.
            if (!LoopbackEndpoint.IsLoopback(endpoint))
            {
                throw new InvalidOperationException("A key is accepted only for a loopback endpoint.");
            }

            return new CosmosClient(endpoint.AbsoluteUri, key, clientOptions);
        }

        TokenCredential credential = options.ManagedIdentityClientId is { } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new CosmosClient(endpoint.AbsoluteUri, credential, clientOptions);
    }

    private static async Task<Container> OpenContainerAsync(
        CosmosClient client, ImportOptions options, string name, string partitionKeyPath, int? defaultTimeToLive, CancellationToken cancellationToken)
    {
        var container = client.GetContainer(options.DatabaseName, name);
        ContainerProperties properties;
        try
        {
            properties = (await container.ReadContainerAsync(cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound && options.CreateContainers)
        {
            var database = (await client.CreateDatabaseIfNotExistsAsync(options.DatabaseName, cancellationToken: cancellationToken)).Database;
            // The rooms container gets the policy infra/main.bicep deploys, so its queries are served as in Azure.
            var created = name == options.RoomsContainerName
                ? RoomsIndexingPolicy.ContainerProperties(name)
                : new ContainerProperties(name, partitionKeyPath) { DefaultTimeToLive = defaultTimeToLive };
            properties = (await database.CreateContainerIfNotExistsAsync(created, cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex)
        {
            throw new StoreFailedException(
                $"cannot open container '{name}' in database '{options.DatabaseName}': " + StoreStatusClassifier.Explain(ex.StatusCode, FirstLine(ex.Message)), ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw new StoreFailedException(
                "could not sign in to Cosmos DB (sign in with az login, or give --managed-identity-client-id on an Azure host): " + FirstLine(ex.Message), ex);
        }
        catch (HttpRequestException ex)
        {
            throw new StoreFailedException($"cannot reach {options.Endpoint}: {ex.Message}", ex);
        }

        if (!string.Equals(properties.PartitionKeyPath, partitionKeyPath, StringComparison.Ordinal))
        {
            throw new StoreFailedException(
                $"container '{name}' is partitioned by {properties.PartitionKeyPath ?? "(nothing)"}, not {partitionKeyPath}: its documents would not be found where the app looks.");
        }

        return container;
    }

    private static string FirstLine(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? text : text[..end];
    }
}
