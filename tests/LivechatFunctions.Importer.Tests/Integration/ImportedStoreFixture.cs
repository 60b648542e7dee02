using System.Net;
using System.Text.Json;
using LivechatFunctions.ChatSearch;
using LivechatFunctions.Functions;
using LivechatFunctions.Importer.Store;
using LivechatFunctions.Importer.Terminal;
using LivechatFunctions.Importer.Tests.TestData;
using LivechatFunctions.LocalCosmos;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Cosmos;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace LivechatFunctions.Importer.Tests.Integration;

/// <summary>
/// Starts the local Cosmos DB server, writes <see cref="SampleExport"/>, imports it once through the command
/// line (creating the containers), and wires the app over the same database as Program.cs does.
/// </summary>
public sealed class ImportedStoreFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "livechat-import-tests", Guid.NewGuid().ToString("N"));
    private CosmosServerProcess? _server;
    private CosmosClient? _reader;
    private ServiceProvider? _app;

    // Apps over the other databases tests import into, built on first use.
    private readonly Dictionary<string, ServiceProvider> _otherApps = new(StringComparer.Ordinal);

    public string DatabaseName { get; } = "livechat-import-it-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>One "now" for every run, so a rerun computes the same ttl and can be compared byte for byte.</summary>
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public SampleExport Export { get; private set; } = null!;

    public ImportResult FirstRun { get; private set; } = null!;

    public CosmosServerProcess Server => _server!;

    public async Task InitializeAsync()
    {
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        _server = await CosmosServerProcess.StartAsync(null, startup.Token);
        _reader = _server.CreateClient();
        Export = new SampleExport(_directory, Now);
        FirstRun = await ImportAsync(DatabaseName, "--create-containers");
        _app = CreateApp(DatabaseName);
    }

    private ServiceProvider CreateApp(string database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cosmos:AccountEndpoint"] = Server.Endpoint.AbsoluteUri,
            ["Cosmos:AccountKey"] = CosmosServerProcess.WellKnownKey,
            ["Cosmos:DatabaseName"] = database,
        }).Build();
        return new ServiceCollection().AddLogging().AddLivechatSearch(configuration).BuildServiceProvider();
    }

    /// <summary>Runs the importer on the given files (and options) into <paramref name="database"/>, as a user would.</summary>
    public async Task<ImportResult> ImportFilesAsync(string database, params string[] files)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = ["--endpoint", Server.Endpoint.AbsoluteUri, "--key", CosmosServerProcess.WellKnownKey, "--database", database, "--no-bulk", .. files];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var exit = await ImportApplication.RunAsync(args, new ImportConsole(output, error, isTerminal: false), new FixedClock(Now), StoreRetryPolicy.Default, timeout.Token);
        return new ImportResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs the importer on the sample export, as a user would from the command line.</summary>
    public async Task<ImportResult> ImportAsync(string database, params string[] extra)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args =
        [
            "--endpoint", Server.Endpoint.AbsoluteUri, "--key", CosmosServerProcess.WellKnownKey, "--database", database,
            "--rooms", Export.RoomsFile, "--messages", Export.MessagesFile, "--users", Export.UsersFile,
            "--department-agents", Export.DepartmentAgentsFile, "--no-bulk", .. extra,
        ];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var exit = await ImportApplication.RunAsync(args, new ImportConsole(output, error, isTerminal: false), new FixedClock(Now), StoreRetryPolicy.Default, timeout.Token);
        return new ImportResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>A stored document without the store's own fields, or <c>null</c> when there is none.</summary>
    public Task<JsonElement?> ReadAsync(string container, string id, string partitionKey) => ReadAsync(DatabaseName, container, id, partitionKey);

    /// <summary>A stored document of <paramref name="database"/> without the store's own fields, or <c>null</c>.</summary>
    public async Task<JsonElement?> ReadAsync(string database, string container, string id, string partitionKey)
    {
        using var response = await _reader!.GetContainer(database, container).ReadItemStreamAsync(id, new PartitionKey(partitionKey));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(response.Content);
        var fields = document.RootElement.EnumerateObject().Where(p => p.Name is not ("_rid" or "_self" or "_etag" or "_attachments" or "_ts"));
        return JsonSerializer.SerializeToElement(fields.ToDictionary(p => p.Name, p => p.Value));
    }

    /// <summary>How many documents a partition holds (a duplicate would show here).</summary>
    public async Task<int> CountAsync(string container, string partitionKeyPath, string partitionKey)
    {
        var query = new QueryDefinition($"SELECT VALUE COUNT(1) FROM c WHERE c.{partitionKeyPath} = @key").WithParameter("@key", partitionKey);
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey(partitionKey), EnableOptimisticDirectExecution = true };
        using var iterator = _reader!.GetContainer(DatabaseName, container).GetItemQueryIterator<int>(query, requestOptions: options);
        var count = 0;
        while (iterator.HasMoreResults)
        {
            count += (await iterator.ReadNextAsync()).Sum();
        }

        return count;
    }

    /// <summary>Calls the search function with the Rocket.Chat headers and runs its result, as the worker would.</summary>
    public Task<EndpointResponse> SearchAsync(string roomId, string visitorId, string userId, string token, string query = "") =>
        SearchInAsync(_app!, roomId, visitorId, userId, token, query);

    /// <summary>Calls the search function of an app over <paramref name="database"/>.</summary>
    public Task<EndpointResponse> SearchInDatabaseAsync(string database, string roomId, string visitorId, string userId, string token, string query = "")
    {
        if (!_otherApps.TryGetValue(database, out var app))
        {
            app = CreateApp(database);
            _otherApps.Add(database, app);
        }

        return SearchInAsync(app, roomId, visitorId, userId, token, query);
    }

    private static async Task<EndpointResponse> SearchInAsync(ServiceProvider app, string roomId, string visitorId, string userId, string token, string query)
    {
        var function = new SearchChatsFunction(app.GetRequiredService<ChatHistorySearch>(), NullLogger<SearchChatsFunction>.Instance);
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.QueryString = new QueryString(query.Length == 0 ? string.Empty : "?" + query);
        http.Request.Headers["X-User-Id"] = userId;
        http.Request.Headers["X-Auth-Token"] = token;
        using var body = new MemoryStream();
        http.Response.Body = body;
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InvocationId).Returns("import-it-" + Guid.NewGuid().ToString("N"));

        var result = await function.SearchChats(http.Request, roomId, visitorId, context.Object);
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        return new EndpointResponse(http.Response.StatusCode, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        foreach (var app in _otherApps.Values)
        {
            await app.DisposeAsync();
        }

        _reader?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
