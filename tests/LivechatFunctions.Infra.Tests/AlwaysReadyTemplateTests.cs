using System.Text.Json;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>Always ready instances for the HTTP group: a parameter, off by default, its trade-off stated.</summary>
public sealed class AlwaysReadyTemplateTests
{
    private const string ParameterName = "httpAlwaysReadyInstanceCount";

    private static readonly ArmTemplate Template = ArmTemplate.Main;

    private static JsonElement AlwaysReady =>
        Template.Single("Microsoft.Web/sites").Get("properties", "functionAppConfig", "scaleAndConcurrency", "alwaysReady");

    [Fact]
    public void The_http_group_is_the_one_always_ready_entry()
    {
        var entry = Assert.Single(AlwaysReady.EnumerateArray());

        Assert.Equal("http", entry.GetProperty("name").GetString());
    }

    [Fact]
    public void The_http_groups_instance_count_is_the_parameter()
    {
        var entry = Assert.Single(AlwaysReady.EnumerateArray());

        Assert.Equal($"[parameters('{ParameterName}')]", entry.GetProperty("instanceCount").GetString());
    }

    [Fact]
    public void No_instance_is_kept_ready_unless_asked()
    {
        var parameter = Template.Parameter(ParameterName);

        Assert.Equal("int", parameter.GetProperty("type").GetString());
        Assert.Equal(0, parameter.GetProperty("defaultValue").GetInt32());
        Assert.Equal(0, parameter.GetProperty("minValue").GetInt32());
    }

    [Theory]
    [InlineData("baseline")]
    [InlineData("idle")]
    [InlineData("wait")]
    public void The_description_states_the_cost_and_cold_start_trade_off(string word)
    {
        var description = Template.Parameter(ParameterName).GetProperty("metadata").GetProperty("description").GetString();

        Assert.Contains(word, description, StringComparison.Ordinal);
    }
}
