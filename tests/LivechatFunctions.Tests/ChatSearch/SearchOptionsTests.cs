using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Tests.ChatSearch;

/// <summary>
/// Paging settings that cannot page stop the host at start, rather than failing every request. Hosts are built without
/// defaults, so this machine's environment variables stay out of them.
/// </summary>
public class SearchOptionsTests
{
    [Theory]
    [InlineData("Search:DefaultCount", "0")]
    [InlineData("Search:MaxCount", "-1")]
    public async Task A_page_size_that_is_not_positive_stops_the_host_at_start(string setting, string value)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cosmos:AccountEndpoint"] = "https://127.0.0.1:8081/",
            [setting] = value,
        });
        builder.Services.AddLivechatSearch(builder.Configuration);
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Search:DefaultCount and Search:MaxCount must be positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_settings_start_the_host()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Cosmos:AccountEndpoint"] = "https://127.0.0.1:8081/" });
        builder.Services.AddLivechatSearch(builder.Configuration);
        using var host = builder.Build();
        Assert.Null(await Record.ExceptionAsync(() => host.StartAsync()));
        await host.StopAsync();
    }
}
