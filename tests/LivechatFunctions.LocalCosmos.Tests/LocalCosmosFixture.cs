using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.LocalCosmos.Tests;

/// <summary>One server and client shared by a test class; each test makes its own database.</summary>
public sealed class LocalCosmosFixture : IAsyncLifetime
{
    // Generous: the first run in a fresh output folder includes npm ci.
    private static readonly TimeSpan StartupBudget = TimeSpan.FromMinutes(5);

    private CosmosServerProcess? _server;
    private CosmosClient? _client;

    public CosmosServerProcess Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public CosmosClient Client => _client ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartupBudget);
        _server = await CosmosServerProcess.StartAsync(null, timeout.Token);
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Creates a database only this test uses, with a container partitioned like the app's.</summary>
    public async Task<Container> CreateVisitorContainerAsync(CancellationToken ct)
    {
        var database = await Client.CreateDatabaseAsync($"db-{Guid.NewGuid():N}", cancellationToken: ct);
        var container = await database.Database.CreateContainerAsync(
            new ContainerProperties("messages", "/visitorId"), cancellationToken: ct);
        return container.Container;
    }
}
