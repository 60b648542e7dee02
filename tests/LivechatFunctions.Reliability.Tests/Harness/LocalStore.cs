using System.Diagnostics;
using System.Net;
using System.Text;
using LivechatFunctions.LocalCosmos;
using LivechatFunctions.LocalHost.Demo;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Reliability.Tests.Harness;

/// <summary>
/// The local Cosmos DB server with the spec's database and containers, loaded with <see cref="ReliabilityData"/>
/// and the demo data set. It can be killed and started again on the same port; the server keeps its data
/// in memory only, so a restart loads the data again.
/// </summary>
public sealed class LocalStore : IAsyncDisposable
{
    public const string DatabaseName = "livechat";
    public const string RoomsContainer = "rooms";
    public const string TokensContainer = "tokens";

    private CosmosServerProcess _server;
    private CosmosClient _admin;

    private LocalStore(CosmosServerProcess server)
    {
        _server = server;
        _admin = server.CreateClient();
        Endpoint = server.Endpoint;
    }

    public Uri Endpoint { get; }

    public int Port => Endpoint.Port;

    /// <summary>Settings that point the app at this store, as <c>Cosmos:*</c> configuration.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cosmos:AccountEndpoint"] = Endpoint.AbsoluteUri,
        ["Cosmos:AccountKey"] = CosmosServerProcess.WellKnownKey,
        ["Cosmos:DatabaseName"] = DatabaseName,
    };

    public Container Rooms => _admin.GetContainer(DatabaseName, RoomsContainer);

    public Container Tokens => _admin.GetContainer(DatabaseName, TokensContainer);

    public static async Task<LocalStore> StartAsync(CancellationToken cancellationToken)
    {
        // The Cosmos SDK asks the Azure VM metadata service (169.254.169.254) about the machine it runs on;
        // these tests talk to loopback addresses only.
        Environment.SetEnvironmentVariable("COSMOS_DISABLE_IMDS_ACCESS", "true");
        var server = await CosmosServerProcess.StartAsync(null, cancellationToken);
        var store = new LocalStore(server);
        try
        {
            await store.LoadAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server process outright, as a crash would: no graceful close of its connections.</summary>
    public async Task KillAsync()
    {
        using (var process = Process.GetProcessById(_server.ProcessId))
        {
            process.Kill(entireProcessTree: true);
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _server.WaitForExitAsync(wait.Token);
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>Starts a new server on the same port and loads the data again.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        _server = await CosmosServerProcess.StartAsync(new CosmosServerOptions { Port = Port }, cancellationToken);
        _admin = _server.CreateClient();
        await LoadAsync(cancellationToken);
    }

    public static async Task UpsertAsync(Container container, string partitionKey, string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(json));
        using var response = await container.UpsertItemStreamAsync(content, new PartitionKey(partitionKey), cancellationToken: cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static async Task DeleteAsync(Container container, string partitionKey, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        using var response = await container.DeleteItemStreamAsync(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var settings = new CosmosOptions { AccountEndpoint = Endpoint.AbsoluteUri, DatabaseName = DatabaseName, RoomsContainerName = RoomsContainer, TokensContainerName = TokensContainer };
        await DemoDataLoader.LoadAsync(_admin, settings, DemoDataSet.Generate(), createContainers: true, cancellationToken);
        foreach (var (partitionKey, json) in ReliabilityData.RoomDocuments())
        {
            await UpsertAsync(Rooms, partitionKey, json, cancellationToken);
        }

        foreach (var (partitionKey, json) in ReliabilityData.TokenDocuments())
        {
            await UpsertAsync(Tokens, partitionKey, json, cancellationToken);
        }
    }
}
