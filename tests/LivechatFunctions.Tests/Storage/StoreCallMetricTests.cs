using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Tests.Storage;

/// <summary>
/// The <c>livechat.store.requests</c> metric as a telemetry pipeline sees it. Other tests send requests through
/// their own counters at the same time, on the same meter: these tests answer with status 418, or send a method of
/// their own, which nothing else uses, and look only at measurements carrying one of them.
/// </summary>
public sealed class StoreCallMetricTests : IDisposable
{
    private const string Teapot = "418";
    private static readonly HttpMethod Probe = new("PROBE");
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Dictionary<string, string?>> _measurements = new();

    public StoreCallMetricTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == StoreCallCounter.MeterName && instrument.Name == "livechat.store.requests")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var measured = new Dictionary<string, string?>();
            foreach (var tag in tags)
            {
                measured[tag.Key] = tag.Value?.ToString();
            }

            if (measured.GetValueOrDefault("status") == Teapot || measured.GetValueOrDefault("operation") == Probe.Method)
            {
                measured["value"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                _measurements.Enqueue(measured);
            }
        });
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    private static async Task Send(RequestMessage request, RequestHandler inner)
    {
        var counter = new StoreCallCounter { InnerHandler = inner };
        using var _ = await counter.SendAsync(request, CancellationToken.None);
    }

    [Fact]
    public async Task A_point_read_is_tagged_with_its_method_resource_and_status_but_not_its_id()
    {
        await Send(new RequestMessage(HttpMethod.Get, new Uri("dbs/livechat/colls/tokens/docs/digest-abc123", UriKind.Relative)),
            new RecordingHandler(status: (HttpStatusCode)418));

        var measured = Assert.Single(_measurements);
        Assert.Equal("1", measured["value"]);
        Assert.Equal("GET", measured["operation"]);
        Assert.Equal("docs", measured["resource"]);
        Assert.Equal(Teapot, measured["status"]);
        Assert.DoesNotContain(measured.Values, value => value?.Contains("digest-abc123", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_query_plan_request_is_its_own_resource()
    {
        await Send(RecordingHandler.PlanRequest("SELECT VALUE COUNT(1) FROM c"), new RecordingHandler(status: (HttpStatusCode)418));

        var measured = Assert.Single(_measurements);
        Assert.Equal("queryplan", measured["resource"]);
        Assert.Equal("POST", measured["operation"]);
        Assert.Equal(Teapot, measured["status"]);
    }

    [Fact]
    public async Task A_request_that_throws_is_counted_with_status_exception()
    {
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            Send(new RequestMessage(Probe, new Uri("dbs/livechat/colls/rooms/docs/r1", UriKind.Relative)), new ThrowingHandler()));

        var measured = Assert.Single(_measurements);
        Assert.Equal(Probe.Method, measured["operation"]);
        Assert.Equal("docs", measured["resource"]);
        Assert.Equal("exception", measured["status"]);
    }

    private sealed class ThrowingHandler : RequestHandler
    {
        public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("connection refused");
    }
}
