using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Storage;

/// <summary>
/// Builds the app's one <see cref="CosmosClient"/>: managed identity in Azure, a key only for a loopback server.
/// </summary>
public static class CosmosClientFactory
{
    public static CosmosClient Create(CosmosOptions options, IEnumerable<RequestHandler>? handlers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.AccountEndpoint, UriKind.Absolute, out var endpoint))
        {
            throw new InvalidOperationException("Cosmos:AccountEndpoint must be set to the account's https endpoint.");
        }

        var clientOptions = CreateClientOptions(options, endpoint);
        foreach (var handler in handlers ?? [])
        {
            clientOptions.CustomHandlers.Add(handler);
        }

        if (!string.IsNullOrEmpty(options.AccountKey))
        {
            if (!LoopbackEndpoint.IsLoopback(endpoint))
            {
                throw new InvalidOperationException(
                    "Cosmos:AccountKey is accepted only for a server on this machine; in Azure the app uses its managed identity.");
            }

            return new CosmosClient(endpoint.AbsoluteUri, options.AccountKey, clientOptions);
        }

        return new CosmosClient(endpoint.AbsoluteUri, CreateCredential(options), clientOptions);
    }

    public static CosmosClientOptions CreateClientOptions(CosmosOptions options, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "livechat-functions",
            ConnectionMode = options.ConnectionMode,
            RequestTimeout = options.RequestTimeout,
            MaxRetryAttemptsOnRateLimitedRequests = options.MaxRateLimitRetries,
            MaxRetryWaitTimeOnRateLimitedRequests = options.MaxRateLimitRetryWait,
            UseSystemTextJsonSerializerWithOptions = JsonSerializerOptions.Default,
        };

        var regions = (options.PreferredRegions ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (regions.Length > 0)
        {
            clientOptions.ApplicationPreferredRegions = regions;
        }

        if (LoopbackEndpoint.IsLoopback(endpoint))
        {
            // The emulator and the local server speak HTTPS only, with a self-signed certificate, on one address.
            clientOptions.ConnectionMode = ConnectionMode.Gateway;
            clientOptions.LimitToEndpoint = true;
            clientOptions.HttpClientFactory = () => new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (request, _, _, errors) =>
                    errors == System.Net.Security.SslPolicyErrors.None
                    || (request.RequestUri is { } uri && LoopbackEndpoint.IsLoopback(uri)),
            });
        }

        return clientOptions;
    }

    private static TokenCredential CreateCredential(CosmosOptions options) =>
        string.IsNullOrEmpty(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
}
