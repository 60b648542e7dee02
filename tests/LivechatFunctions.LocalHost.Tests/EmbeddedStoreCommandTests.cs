using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LivechatFunctions.LocalCosmos;
using LivechatFunctions.LocalHost.Demo;
using LivechatFunctions.LocalHost.Hosting;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.LocalHost.Tests;

/// <summary>
/// <c>livechat-local store</c>, the store for <c>func start</c>: the settings it prints, pasted as told, reach the
/// demo data; the printed curl's request answers through the app with them; and it stops its node server on exit.
/// </summary>
public partial class EmbeddedStoreCommandTests(EmbeddedStoreFixture fixture) : IClassFixture<EmbeddedStoreFixture>
{
    private static readonly DemoDataSet Demo = DemoDataSet.Generate();

    [Fact]
    public void It_prints_the_endpoint_and_key_as_lines_for_local_settings_values()
    {
        var settings = fixture.Store.PrintedSettings();

        Assert.Equal(["Cosmos__AccountEndpoint", "Cosmos__AccountKey"], settings.Keys.Order(StringComparer.Ordinal));
        Assert.Matches(@"^https://127\.0\.0\.1:\d+/$", settings["Cosmos__AccountEndpoint"]);
        Assert.Equal(CosmosServerProcess.WellKnownKey, settings["Cosmos__AccountKey"]);
    }

    [Fact]
    public async Task The_printed_endpoint_and_key_read_every_demo_container_through_the_sdk()
    {
        var settings = fixture.Store.PrintedSettings();
        using var client = CosmosClientFactory.Create(new CosmosOptions
        {
            AccountEndpoint = settings["Cosmos__AccountEndpoint"],
            AccountKey = settings["Cosmos__AccountKey"],
        });
        var cosmos = new CosmosOptions();

        foreach (var kind in new[] { DemoContainer.Rooms, DemoContainer.Tokens })
        {
            var document = Demo.Documents.First(d => d.Container == kind);
            var id = JsonDocument.Parse(document.Json).RootElement.GetProperty("id").GetString()!;
            var container = client.GetContainer(cosmos.DatabaseName, kind == DemoContainer.Rooms ? cosmos.RoomsContainerName : cosmos.TokensContainerName);
            using var response = await container.ReadItemStreamAsync(id, new PartitionKey(document.PartitionKey));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_sample_settings_with_the_printed_lines_pasted_in_answer_the_printed_curl_with_history()
    {
        var settingsFile = Path.Combine(Path.GetTempPath(), $"local.settings.{Guid.NewGuid():N}.json");
        var sample = File.ReadAllText(LocalSettingsSampleTests.SamplePath());
        foreach (var (name, value) in fixture.Store.PrintedSettings())
        {
            sample = Regex.Replace(sample, $"\"{name}\": \"[^\"]*\"", $"\"{name}\": \"{value}\"");
        }

        File.WriteAllText(settingsFile, sample);
        try
        {
            var curl = CurlLine().Match(fixture.Store.Printed);
            Assert.True(curl.Success, "no curl printed:\n" + fixture.Store.Printed);
            await using var host = await LocalFunctionHost.StartAsync(LocalHostOptions.Parse(["--port", "0", "--settings", settingsFile]), CancellationToken.None);
            Assert.Null(host.EmbeddedStoreEndpoint);

            // The curl names Core Tools' address; the same path is asked of this host, which reads the same settings.
            var path = new Uri(curl.Groups["url"].Value);
            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseAddress, path.PathAndQuery));
            request.Headers.Add("X-User-Id", curl.Groups["user"].Value);
            request.Headers.Add("X-Auth-Token", curl.Groups["token"].Value);
            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("{\"history\":[{", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(settingsFile);
        }
    }

    [Fact]
    public void The_printed_curl_is_for_core_tools_default_address()
    {
        var curl = CurlLine().Match(fixture.Store.Printed);

        Assert.StartsWith("http://localhost:7071/api/v1/livechat/visitors.searchChats/room/", curl.Groups["url"].Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_stop_signal_ends_it_with_exit_code_0_and_stops_its_node_server(string signal)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var store = await EmbeddedStoreProcess.StartAsync(timeout.Token);
        var port = new Uri(store.PrintedSettings()["Cosmos__AccountEndpoint"]).Port;
        Assert.NotEmpty(store.LauncherChildren());

        var exitCode = await store.SignalAndWaitAsync(signal, timeout.Token);

        Assert.Equal(0, exitCode);
        Assert.Empty(store.LauncherChildren());
        Assert.False(await EmbeddedStoreProcess.AcceptsConnectionsAsync(port), "the node server outlived the command");
    }

    [GeneratedRegex(@"curl -s -H 'X-User-Id: (?<user>[^']+)' -H 'X-Auth-Token: (?<token>[^']+)' '(?<url>[^']+)'")]
    private static partial Regex CurlLine();
}
