using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using LivechatFunctions.LocalCosmos;
using LivechatFunctions.LocalHost.Demo;
using LivechatFunctions.LocalHost.Hosting;
using LivechatFunctions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LivechatFunctions.LocalHost.Tests;

/// <summary>
/// The app's store client is made ready while the host starts: against a store it has never talked to (its data
/// loaded by another client), the first request makes the same store requests as the next one.
/// </summary>
public sealed class WarmStartTests : IAsyncLifetime
{
    private CosmosServerProcess? _store;

    private CosmosServerProcess Store => _store ?? throw new InvalidOperationException("The store has not started.");

    public async Task InitializeAsync()
    {
        _store = await CosmosServerProcess.StartAsync(null, CancellationToken.None);
        using var loader = Store.CreateClient();
        await DemoDataLoader.LoadAsync(loader, Store.ClientSettings, DemoDataSet.Generate(), createContainers: true, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_first_request_after_a_start_makes_as_many_store_requests_as_the_second()
    {
        var resources = new ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StoreCallCounter.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "resource")
                {
                    resources.Enqueue((string)tag.Value!);
                }
            }
        });
        listener.Start();

        await using var host = await LocalFunctionHost.StartAsync(LocalHostOptions.Parse(StoreHostArguments.Store(Store.Endpoint)), CancellationToken.None);
        var counter = host.Services.GetRequiredService<StoreCallCounter>();
        var demo = DemoDataSet.Generate();
        var (roomId, visitorId) = demo.SuggestedRoom;
        using var client = new HttpClient();

        var atStart = string.Join(',', resources) + $" plans {host.Services.GetRequiredService<QueryPlanCache>().Count}";
        resources.Clear();
        counter.Reset();
        await AssertOkAsync(client, host.FunctionUrl(roomId, visitorId), demo.SuggestedUser);
        var first = counter.Total;
        var firstResources = string.Join(',', resources);
        resources.Clear();
        counter.Reset();
        await AssertOkAsync(client, host.FunctionUrl(roomId, visitorId), demo.SuggestedUser);
        var second = counter.Total;

        Assert.True(first == second, $"first {first} [{firstResources}], second {second} [{string.Join(',', resources)}], at start [{atStart}]");
    }

    [Fact]
    public async Task A_store_down_at_start_gets_503_answers_until_it_is_up_then_200()
    {
        var port = Store.Port;
        await Store.DisposeAsync();
        await using var host = await LocalFunctionHost.StartAsync(LocalHostOptions.Parse(StoreHostArguments.UnreachableStore(port)), CancellationToken.None);
        var demo = DemoDataSet.Generate();
        var (roomId, visitorId) = demo.SuggestedRoom;
        using var client = new HttpClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(client, host.FunctionUrl(roomId, visitorId), demo.SuggestedUser));

        _store = await CosmosServerProcess.StartAsync(new CosmosServerOptions { Port = port }, CancellationToken.None);
        using (var loader = Store.CreateClient())
        {
            await DemoDataLoader.LoadAsync(loader, Store.ClientSettings, demo, createContainers: true, CancellationToken.None);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, host.FunctionUrl(roomId, visitorId), demo.SuggestedUser));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, Uri url, DemoUser user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url + "?count=5");
        request.Headers.Add("X-User-Id", user.UserId);
        request.Headers.Add("X-Auth-Token", user.Token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task AssertOkAsync(HttpClient client, Uri url, DemoUser user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url + "?count=5");
        request.Headers.Add("X-User-Id", user.UserId);
        request.Headers.Add("X-Auth-Token", user.Token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
