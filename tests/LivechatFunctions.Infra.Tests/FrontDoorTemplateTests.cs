using System.Text.Json;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>
/// The optional Azure Front Door (infra/front-door.bicep, called from main.bicep): absent unless a Rocket.Chat
/// origin is given; then one endpoint whose routes send this API's path to the function app and the rest to
/// Rocket.Chat, over HTTPS only, with nothing cached. Checked on `bicep snapshot`'s prediction of a deployment.
/// </summary>
public sealed class FrontDoorTemplateTests
{
    private const string RocketChatHost = "chat-origin.example.com";
    private const string SearchChatsPattern = "/api/v1/livechat/visitors.searchChats/*";

    private static readonly Lazy<DeploymentSnapshot> Default = new(() => DeploymentSnapshot.OfMain(new Dictionary<string, string>()));

    private static readonly Lazy<DeploymentSnapshot> WithRocketChat = new(() =>
        DeploymentSnapshot.OfMain(new Dictionary<string, string> { ["rocketChatOriginHostName"] = RocketChatHost }));

    private static IReadOnlyList<JsonElement> Routes => [.. WithRocketChat.Value.OfType("Microsoft.Cdn/profiles/afdEndpoints/routes")];

    [Fact]
    public void The_rocket_chat_origin_parameter_is_empty_by_default()
    {
        var parameter = ArmTemplate.Main.Parameter("rocketChatOriginHostName");

        Assert.Equal("string", parameter.GetProperty("type").GetString());
        Assert.Equal(string.Empty, parameter.GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void Azd_takes_the_rocket_chat_origin_from_the_environment()
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.parameters.json")));

        Assert.Equal(
            "${ROCKETCHAT_ORIGIN_HOST_NAME}",
            parameters.RootElement.GetProperty("parameters").GetProperty("rocketChatOriginHostName").GetProperty("value").GetString());
    }

    [Fact]
    public void Without_a_rocket_chat_origin_nothing_of_front_door_is_deployed()
    {
        Assert.DoesNotContain(Default.Value.Resources, r => r.GetProperty("type").GetString()!.StartsWith("Microsoft.Cdn/", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(string.Empty, Default.Value.Outputs.GetProperty("FRONT_DOOR_HOST_NAME").GetString());
    }

    [Fact]
    public void With_a_rocket_chat_origin_one_standard_profile_with_one_endpoint_is_deployed()
    {
        var profile = Assert.Single(WithRocketChat.Value.OfType("Microsoft.Cdn/profiles"));
        Assert.Equal("Standard_AzureFrontDoor", profile.GetProperty("sku").GetProperty("name").GetString());
        Assert.Single(WithRocketChat.Value.OfType("Microsoft.Cdn/profiles/afdEndpoints"));
    }

    [Fact]
    public void There_are_two_origin_groups_of_one_origin_each()
    {
        var groups = WithRocketChat.Value.OfType("Microsoft.Cdn/profiles/originGroups").Select(g => g.GetProperty("name").GetString()!).ToList();
        var origins = WithRocketChat.Value.OfType("Microsoft.Cdn/profiles/originGroups/origins").Select(o => o.GetProperty("name").GetString()!).ToList();

        Assert.Equal(2, groups.Count);
        Assert.All(groups, group => Assert.Single(origins, origin => origin.StartsWith(group + "/", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_search_chats_path_goes_to_the_function_app_as_its_own_host()
    {
        var origin = OriginOf(RouteFor(SearchChatsPattern));
        var hostName = origin.GetProperty("hostName").GetString()!;

        Assert.Contains("Microsoft.Web/sites/func-", hostName, StringComparison.Ordinal);
        Assert.EndsWith(".defaultHostName]", hostName, StringComparison.Ordinal);
        // App Service routes on the Host header: it must be the app's own name, not the Front Door endpoint's.
        Assert.Equal(hostName, origin.GetProperty("originHostHeader").GetString());
    }

    [Fact]
    public void Every_other_path_goes_to_rocket_chat()
    {
        var origin = OriginOf(RouteFor("/*"));

        Assert.Equal(RocketChatHost, origin.GetProperty("hostName").GetString());
        Assert.Equal(RocketChatHost, origin.GetProperty("originHostHeader").GetString());
    }

    [Fact]
    public void The_two_routes_are_the_only_ones_and_each_has_one_pattern()
    {
        Assert.Equal(
            ["/*", SearchChatsPattern],
            Routes.SelectMany(r => r.GetProperty("properties").GetProperty("patternsToMatch").EnumerateArray().Select(p => p.GetString()!)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_route_redirects_http_and_reaches_its_origin_over_https_only()
    {
        Assert.All(Routes, route =>
        {
            var properties = route.GetProperty("properties");
            Assert.Equal("Enabled", properties.GetProperty("httpsRedirect").GetString());
            Assert.Equal("HttpsOnly", properties.GetProperty("forwardingProtocol").GetString());
        });
    }

    [Fact]
    public void Every_origin_checks_the_name_on_its_certificate()
    {
        Assert.All(WithRocketChat.Value.OfType("Microsoft.Cdn/profiles/originGroups/origins"), origin =>
            Assert.True(origin.GetProperty("properties").GetProperty("enforceCertificateNameCheck").GetBoolean()));
    }

    [Fact]
    public void No_route_caches_or_rewrites_answers()
    {
        Assert.All(Routes, route =>
        {
            var properties = route.GetProperty("properties");
            Assert.False(properties.TryGetProperty("cacheConfiguration", out _), "a route caches");
            Assert.False(properties.TryGetProperty("ruleSets", out _), "a route applies a rule set");
        });
        Assert.Empty(WithRocketChat.Value.OfType("Microsoft.Cdn/profiles/ruleSets"));
    }

    private static JsonElement RouteFor(string pattern) =>
        Assert.Single(Routes, r => r.GetProperty("properties").GetProperty("patternsToMatch").EnumerateArray().Any(p => p.GetString() == pattern));

    private static JsonElement OriginOf(JsonElement route)
    {
        var groupId = route.GetProperty("properties").GetProperty("originGroup").GetProperty("id").GetString()!;
        var group = Assert.Single(WithRocketChat.Value.OfType("Microsoft.Cdn/profiles/originGroups"), g => g.GetProperty("id").GetString() == groupId);
        var groupName = group.GetProperty("name").GetString()!;
        return Assert.Single(
            WithRocketChat.Value.OfType("Microsoft.Cdn/profiles/originGroups/origins"),
            o => o.GetProperty("name").GetString()!.StartsWith(groupName + "/", StringComparison.Ordinal)).GetProperty("properties");
    }
}
