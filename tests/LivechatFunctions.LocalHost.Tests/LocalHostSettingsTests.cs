namespace LivechatFunctions.LocalHost.Tests;

/// <summary>
/// A setting the app checks at start stops <c>livechat-local</c> before anything starts, with the setting's name and
/// exit code 2, not a stack trace and not at the first request.
/// </summary>
public class LocalHostSettingsTests
{
    // Nothing listens on port 9 here: a host that got as far as loading the demo data would fail on it instead.
    private static readonly string[] UnreachableStore =
    [
        "--port", "0", "--seed-demo-data",
        "--Cosmos:AccountEndpoint=https://127.0.0.1:9/",
        "--Cosmos:AccountKey=" + Convert.ToBase64String(new byte[64]),
    ];

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await LocalHostCommand.RunAsync([.. UnreachableStore, .. args], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_token_cache_lifetime_over_five_minutes_stops_the_host_before_it_touches_the_store()
    {
        var (exitCode, output, error) = await RunAsync("--Authentication:TokenCacheLifetime=00:10:00");
        Assert.Equal(2, exitCode);
        Assert.Contains("Authentication:TokenCacheLifetime", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("curl", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_cache_lifetime_that_is_not_a_time_stops_the_host_with_the_settings_name()
    {
        var (exitCode, _, error) = await RunAsync("--Authentication:TokenCacheLifetime=soon");
        Assert.Equal(2, exitCode);
        Assert.Contains("Authentication:TokenCacheLifetime", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_size_of_zero_stops_the_host_before_it_touches_the_store()
    {
        var (exitCode, _, error) = await RunAsync("--Search:DefaultCount=0");
        Assert.Equal(2, exitCode);
        Assert.Contains("Search:DefaultCount", error, StringComparison.Ordinal);
    }
}
