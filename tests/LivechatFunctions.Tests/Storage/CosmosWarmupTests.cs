using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LivechatFunctions.LocalCosmos;
using LivechatFunctions.Storage;
using LivechatFunctions.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Tests.Storage;

/// <summary>The store warm-up at start: bounded, logged when it fails, and never in the way of the host starting.</summary>
public class CosmosWarmupTests
{
    private static IHost BuildHost(Dictionary<string, string?> settings, CapturingLogger<CosmosWarmup> log)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLivechatSearch(builder.Configuration);
        builder.Services.AddSingleton<ILogger<CosmosWarmup>>(log);
        return builder.Build();
    }

    private static Dictionary<string, string?> UnreachableStore(string warmupTimeout) => new()
    {
        ["Cosmos:AccountEndpoint"] = $"https://127.0.0.1:{ClosedPort()}/",
        ["Cosmos:AccountKey"] = CosmosServerProcess.WellKnownKey,
        ["Cosmos:RequestTimeout"] = "00:00:01",
        ["Cosmos:WarmupTimeout"] = warmupTimeout,
    };

    private static async Task StartThenStopAsync(IHost host)
    {
        await host.StartAsync();
        await host.StopAsync();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task An_unreachable_store_at_start_is_logged_as_a_warning_and_the_host_starts()
    {
        var log = new CapturingLogger<CosmosWarmup>();
        using var host = BuildHost(UnreachableStore("00:00:05"), log);

        await StartThenStopAsync(host);

        Assert.Contains(log.Lines, line => line.StartsWith("Warning: Store client", StringComparison.Ordinal) && line.Contains("503", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_store_that_does_not_answer_holds_the_start_no_longer_than_the_warmup_timeout()
    {
        // Accepts connections and never answers: the SDK waits on it, the start does not.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var log = new CapturingLogger<CosmosWarmup>();
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["Cosmos:AccountEndpoint"] = $"https://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/",
            ["Cosmos:AccountKey"] = CosmosServerProcess.WellKnownKey,
            ["Cosmos:WarmupTimeout"] = "00:00:01",
        }, log);

        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        clock.Stop();
        await host.StopAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"start took {clock.Elapsed}");
        Assert.Contains(log.Lines, line => line.Contains("not ready within Cosmos:WarmupTimeout (00:00:01)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_warmup_timeout_of_zero_sends_nothing_at_start()
    {
        var log = new CapturingLogger<CosmosWarmup>();
        using var host = BuildHost(UnreachableStore("00:00:00"), log);

        await StartThenStopAsync(host);

        Assert.Equal(0, host.Services.GetRequiredService<StoreCallCounter>().Total);
        Assert.Empty(log.Lines);
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:01:01")]
    public async Task A_warmup_timeout_that_is_negative_or_over_a_minute_stops_the_host_at_start(string timeout)
    {
        using var host = BuildHost(UnreachableStore(timeout), new CapturingLogger<CosmosWarmup>());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Cosmos:WarmupTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_warmup_timeout_is_ten_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), new CosmosOptions().WarmupTimeout);
    }
}
