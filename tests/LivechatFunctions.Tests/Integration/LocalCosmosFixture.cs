using System.Text;
using LivechatFunctions.ChatSearch;
using LivechatFunctions.Functions;
using LivechatFunctions.LocalCosmos;
using LivechatFunctions.Storage;
using LivechatFunctions.Tests.Fakes;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LivechatFunctions.Tests.Integration;

/// <summary>
/// Starts the local Cosmos DB server, creates the spec's database and containers, loads
/// <see cref="IntegrationData"/>, and wires the app exactly as Program.cs does, from configuration.
/// </summary>
public sealed class LocalCosmosFixture : IAsyncLifetime
{
    private CosmosServerProcess? _server;
    private ServiceProvider? _services;

    public string DatabaseName { get; } = "livechat-it-" + Guid.NewGuid().ToString("N")[..8];

    public CapturingLogger<SearchChatsFunction> FunctionLog { get; } = new();

    public async Task InitializeAsync()
    {
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        _server = await CosmosServerProcess.StartAsync(null, startup.Token);
        using (var admin = _server.CreateClient())
        {
            var database = (await admin.CreateDatabaseIfNotExistsAsync(DatabaseName, cancellationToken: startup.Token)).Database;
            var rooms = (await database.CreateContainerIfNotExistsAsync(RoomsIndexingPolicy.ContainerProperties("rooms"), cancellationToken: startup.Token)).Container;
            var tokens = (await database.CreateContainerIfNotExistsAsync("tokens", "/userId", cancellationToken: startup.Token)).Container;
            await UpsertAsync(rooms, IntegrationData.Rooms().Concat(IntegrationData.Messages()), startup.Token);
            await UpsertAsync(tokens, IntegrationData.Tokens(), startup.Token);
        }

        _services = CreateApp(new Dictionary<string, string?>());
    }

    /// <summary>
    /// Another instance of the app over the same store, with <paramref name="settings"/> on top of the store's and
    /// <paramref name="handlers"/> last in its client's pipeline, after the app's own.
    /// </summary>
    public ServiceProvider CreateApp(IReadOnlyDictionary<string, string?> settings, params RequestHandler[] handlers)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cosmos:AccountEndpoint"] = _server!.Endpoint.AbsoluteUri,
            ["Cosmos:AccountKey"] = CosmosServerProcess.WellKnownKey,
            ["Cosmos:DatabaseName"] = DatabaseName,
        }).AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddLivechatSearch(configuration);
        foreach (var handler in handlers)
        {
            services.AddSingleton(handler);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>A client of the same store with none of the app's request handlers.</summary>
    public CosmosClient CreateClient() => _server!.CreateClient();

    /// <summary>The app's own count of the requests it sent to the store.</summary>
    public StoreCallCounter StoreCalls => _services!.GetRequiredService<StoreCallCounter>();

    public Task<TestResponse> GetAsync(string roomId, string visitorId, string query = "", string? userId = "agent1", string? token = "agent1-token") =>
        GetAsync(_services!, roomId, visitorId, query, userId, token);

    /// <summary>A request through the app instance <paramref name="app"/> (<see cref="CreateApp"/>).</summary>
    public Task<TestResponse> GetAsync(IServiceProvider app, string roomId, string visitorId, string query = "", string? userId = "agent1", string? token = "agent1-token")
    {
        var function = new SearchChatsFunction(app.GetRequiredService<ChatHistorySearch>(), FunctionLog);
        return FunctionDriver.SendAsync(function, "it-" + Guid.NewGuid().ToString("N"), FunctionDriver.CreateGet(query, userId, token), roomId, visitorId);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static async Task UpsertAsync(Container container, IEnumerable<(string PartitionKey, string Json)> documents, CancellationToken cancellationToken)
    {
        foreach (var (partitionKey, json) in documents)
        {
            using var content = new MemoryStream(Encoding.UTF8.GetBytes(json));
            using var response = await container.UpsertItemStreamAsync(content, new PartitionKey(partitionKey), cancellationToken: cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }
}
