namespace LivechatFunctions.LocalHost.Tests;

/// <summary>A setting out of range stops <c>livechat-local</c> at start with its name, not at the first request.</summary>
public class LocalHostSettingsTests
{
    [Fact]
    public async Task A_token_cache_lifetime_over_five_minutes_stops_the_host_at_start_with_the_settings_name()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await LocalHostCommand.RunAsync(["--port", "0", "--Authentication:TokenCacheLifetime=00:10:00"], output, error);
        Assert.Equal(2, exitCode);
        Assert.Contains("Authentication:TokenCacheLifetime", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("curl", output.ToString(), StringComparison.Ordinal);
    }
}
