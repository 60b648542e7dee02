using System.Net;
using LivechatFunctions.Functions;
using LivechatFunctions.Http;
using LivechatFunctions.LocalCosmos;
using LivechatFunctions.LocalHost.Demo;
using LivechatFunctions.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.LocalHost.Hosting;

/// <summary>
/// The function app served by ASP.NET Core on 127.0.0.1, for machines without Core Tools: the same function
/// class, services and route. Without a configured store it starts the embedded local Cosmos DB server and
/// loads the demo data; the server stops with the host.
/// </summary>
public sealed class LocalFunctionHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CosmosServerProcess? _embeddedStore;

    private LocalFunctionHost(WebApplication app, CosmosServerProcess? embeddedStore, Uri baseAddress, string routeTemplate, DemoDataSet? demoData)
    {
        _app = app;
        _embeddedStore = embeddedStore;
        BaseAddress = baseAddress;
        RouteTemplate = routeTemplate;
        DemoData = demoData;
    }

    /// <summary>Where the host listens, e.g. http://127.0.0.1:7071/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The function's path template, prefix included, as read from its trigger and host.json.</summary>
    public string RouteTemplate { get; }

    /// <summary>The demo data loaded at start, if any.</summary>
    public DemoDataSet? DemoData { get; }

    /// <summary>The embedded store's endpoint when one was started.</summary>
    public Uri? EmbeddedStoreEndpoint => _embeddedStore?.Endpoint;

    public IServiceProvider Services => _app.Services;

    public static async Task<LocalFunctionHost> StartAsync(LocalHostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        LocalHostConfiguration.Apply(builder.Configuration, options);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("System", LogLevel.Warning);
        CheckStartupSettings(builder.Configuration);
        var embedded = string.IsNullOrEmpty(builder.Configuration[$"{CosmosOptions.SectionName}:{nameof(CosmosOptions.AccountEndpoint)}"]);
        var store = embedded ? await CosmosServerProcess.StartAsync(null, cancellationToken) : null;
        WebApplication? app = null;
        try
        {
            if (store is not null)
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [$"{CosmosOptions.SectionName}:{nameof(CosmosOptions.AccountEndpoint)}"] = store.Endpoint.AbsoluteUri,
                    [$"{CosmosOptions.SectionName}:{nameof(CosmosOptions.AccountKey)}"] = CosmosServerProcess.WellKnownKey,
                });
            }

            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
            builder.Services.AddLivechatSearch(builder.Configuration);
            builder.Services.AddSingleton<SearchChatsFunction>();

            app = builder.Build();
            DemoDataSet? demoData = null;
            if (embedded || options.SeedDemoData)
            {
                demoData = DemoDataSet.Generate();
                var cosmos = app.Services.GetRequiredService<IOptions<CosmosOptions>>().Value;
                await DemoDataLoader.LoadAsync(app.Services.GetRequiredService<CosmosClient>(), cosmos, demoData,
                    createContainers: !string.IsNullOrEmpty(cosmos.AccountKey), cancellationToken);
            }

            // Answers the host itself gives (no such path, wrong method) are JSON and uncached like the function's.
            app.UseStatusCodePages(async context =>
            {
                var response = context.HttpContext.Response;
                ContractHeaders.Apply(response, response.StatusCode);
                var error = response.StatusCode == StatusCodes.Status405MethodNotAllowed ? "method-not-allowed" : "not-found";
                await response.WriteAsync($$"""{"success":false,"error":"{{error}}"}""", context.HttpContext.RequestAborted);
            });
            var routePrefix = HostJson.RoutePrefix(Path.Combine(AppContext.BaseDirectory, "host.json"));
            var route = app.MapFunctions<SearchChatsFunction>(routePrefix).Single();

            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new LocalFunctionHost(app, store, new Uri(address.EndsWith('/') ? address : address + "/"), route.PathTemplate(routePrefix), demoData);
        }
        catch
        {
            try
            {
                if (app is not null)
                {
                    await app.DisposeAsync();
                }
            }
            finally
            {
                if (store is not null)
                {
                    await store.DisposeAsync();
                }
            }

            throw;
        }
    }

    /// <summary>
    /// The settings the Functions host checks at start, checked before anything starts here (the embedded store, the
    /// demo data): a bad one throws <see cref="OptionsValidationException"/>, or the binder's
    /// <see cref="InvalidOperationException"/> for a value that is not of its type, each naming the setting.
    /// </summary>
    private static void CheckStartupSettings(IConfiguration configuration)
    {
        using var services = new ServiceCollection().AddLivechatSearch(configuration).BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();
    }

    /// <summary>The full URL of the function for a room and visitor.</summary>
    public Uri FunctionUrl(string roomId, string visitorId) => FunctionUrl(BaseAddress, RouteTemplate, roomId, visitorId);

    /// <summary>The full URL of the function for a room and visitor on a host at <paramref name="baseAddress"/>.</summary>
    public static Uri FunctionUrl(Uri baseAddress, string routeTemplate, string roomId, string visitorId)
    {
        ArgumentNullException.ThrowIfNull(routeTemplate);
        return new(baseAddress, routeTemplate
            .Replace("{roomId}", Uri.EscapeDataString(roomId), StringComparison.Ordinal)
            .Replace("{visitorId}", Uri.EscapeDataString(visitorId), StringComparison.Ordinal)
            .TrimStart('/'));
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_embeddedStore is not null)
        {
            await _embeddedStore.DisposeAsync();
        }
    }
}
