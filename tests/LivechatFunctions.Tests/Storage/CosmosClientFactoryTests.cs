using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Tests.Storage;

public class CosmosClientFactoryTests
{
    private const string LocalKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    [Fact]
    public void An_account_key_is_refused_for_a_remote_account()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CosmosClientFactory.Create(
            new CosmosOptions { AccountEndpoint = "https://myaccount.documents.azure.com:443/", AccountKey = LocalKey }));
        Assert.Contains("managed identity", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1:8081/")]
    [InlineData("https://localhost:8081/")]
    [InlineData("https://[::1]:8081/")]
    public void An_account_key_is_accepted_for_a_loopback_server(string endpoint)
    {
        using var client = CosmosClientFactory.Create(new CosmosOptions { AccountEndpoint = endpoint, AccountKey = LocalKey });
        Assert.Equal(new Uri(endpoint), client.Endpoint);
    }

    [Fact]
    public void A_missing_endpoint_is_a_clear_start_up_error() =>
        Assert.Contains("Cosmos:AccountEndpoint", Assert.Throws<InvalidOperationException>(() => CosmosClientFactory.Create(new CosmosOptions())).Message, StringComparison.Ordinal);

    [Fact]
    public void Remote_accounts_get_the_configured_mode_timeouts_retries_and_regions()
    {
        var options = CosmosClientFactory.CreateClientOptions(
            new CosmosOptions
            {
                ConnectionMode = ConnectionMode.Direct,
                RequestTimeout = TimeSpan.FromSeconds(3),
                MaxRateLimitRetries = 1,
                MaxRateLimitRetryWait = TimeSpan.FromSeconds(1),
                PreferredRegions = "West Europe, North Europe",
            },
            new Uri("https://myaccount.documents.azure.com:443/"));
        Assert.Equal(ConnectionMode.Direct, options.ConnectionMode);
        Assert.Equal(TimeSpan.FromSeconds(3), options.RequestTimeout);
        Assert.Equal(1, options.MaxRetryAttemptsOnRateLimitedRequests);
        Assert.Equal(TimeSpan.FromSeconds(1), options.MaxRetryWaitTimeOnRateLimitedRequests);
        Assert.Equal(["West Europe", "North Europe"], options.ApplicationPreferredRegions);
        Assert.Null(options.HttpClientFactory);
    }

    [Fact]
    public void Default_throttling_bounds_are_far_below_the_sdks_thirty_seconds()
    {
        var defaults = new CosmosOptions();
        Assert.True(defaults.MaxRateLimitRetryWait <= TimeSpan.FromSeconds(5));
        Assert.True(defaults.RequestTimeout <= TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_loopback_server_is_reached_through_its_gateway_only()
    {
        var options = CosmosClientFactory.CreateClientOptions(new CosmosOptions { ConnectionMode = ConnectionMode.Direct }, new Uri("https://127.0.0.1:8081/"));
        Assert.Equal(ConnectionMode.Gateway, options.ConnectionMode);
        Assert.True(options.LimitToEndpoint);
        Assert.NotNull(options.HttpClientFactory);
    }

    [Theory]
    [InlineData("https://127.0.0.1:1/", true)]
    [InlineData("https://localhost:1/", true)]
    [InlineData("https://example.com/", false)]
    [InlineData("https://10.0.0.1/", false)]
    public void Loopback_means_this_machine_only(string endpoint, bool loopback) =>
        Assert.Equal(loopback, LoopbackEndpoint.IsLoopback(new Uri(endpoint)));
}
