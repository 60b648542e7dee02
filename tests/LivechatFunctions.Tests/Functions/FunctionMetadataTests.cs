using System.Text.Json;

namespace LivechatFunctions.Tests.Functions;

/// <summary>What the Functions host will read from the build output: one anonymous GET on the contract's route.</summary>
public class FunctionMetadataTests
{
    private static JsonElement ReadOutputFile(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, name))).RootElement;

    [Fact]
    public void Build_output_declares_exactly_one_function()
    {
        var functions = ReadOutputFile("functions.metadata").EnumerateArray().ToList();
        Assert.Single(functions);
        Assert.Equal("SearchChats", functions[0].GetProperty("name").GetString());
    }

    [Fact]
    public void The_function_is_an_anonymous_get_on_the_contract_route()
    {
        var trigger = ReadOutputFile("functions.metadata")[0].GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == "httpTrigger");
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("v1/livechat/visitors.searchChats/room/{roomId}/visitor/{visitorId}", trigger.GetProperty("route").GetString());
    }

    [Fact]
    public void Host_json_in_the_output_keeps_the_api_route_prefix()
    {
        var host = ReadOutputFile("host.json");
        Assert.Equal("2.0", host.GetProperty("version").GetString());
        Assert.Equal("api", host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }
}
