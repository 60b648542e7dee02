using System.Text.Json;
using LivechatFunctions.LocalCosmos;
using LivechatFunctions.LocalHost.Hosting;

namespace LivechatFunctions.LocalHost.Tests;

/// <summary>local.settings.sample.json works with <c>livechat-local store</c> as copied, for <c>func start</c>.</summary>
public class LocalSettingsSampleTests
{
    /// <summary>The sample at the repository's root, found from the test's output folder.</summary>
    public static string SamplePath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "local.settings.sample.json");
            if (File.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "LivechatFunctions.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("local.settings.sample.json is not above the test's output folder.");
    }

    private static JsonElement Values()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SamplePath()));
        return document.RootElement.GetProperty("Values").Clone();
    }

    [Fact]
    public void The_sample_endpoint_is_where_store_listens_by_default()
    {
        Assert.Equal($"https://127.0.0.1:{LocalHostOptions.DefaultStorePort}/", Values().GetProperty("Cosmos__AccountEndpoint").GetString());
    }

    [Fact]
    public void The_sample_key_is_the_one_store_prints()
    {
        Assert.Equal(CosmosServerProcess.WellKnownKey, Values().GetProperty("Cosmos__AccountKey").GetString());
    }

    [Fact]
    public void The_sample_leaves_out_host_storage_which_this_http_only_app_does_not_need_locally()
    {
        Assert.False(Values().TryGetProperty("AzureWebJobsStorage", out _));
    }
}
