using System.Text.Json;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>
/// Two linter configurations: the strict one CI builds with, where every rule is an error, and the deployed one in
/// infra/, where no rule can stop a user's deployment.
/// </summary>
public sealed class LinterConfigTests
{
    private static readonly JsonDocumentOptions ConfigOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    [Theory]
    [InlineData("no-unused-params")]
    [InlineData("no-unused-vars")]
    [InlineData("secure-secrets-in-params")]
    [InlineData("outputs-should-not-contain-secrets")]
    [InlineData("use-secure-value-for-secure-inputs")]
    [InlineData("prefer-interpolation")]
    [InlineData("no-hardcoded-env-urls")]
    [InlineData("use-resource-id-functions")]
    [InlineData("no-unnecessary-dependson")]
    [InlineData("use-stable-resource-identifiers")]
    [InlineData("simplify-interpolation")]
    [InlineData("protect-commandtoexecute-secrets")]
    [InlineData("use-recent-api-versions")]
    public void Linter_rule_is_an_error_in_ci(string rule) =>
        Assert.Equal("error", Rules(RepoPaths.StrictLinterConfig)[rule]);

    [Fact]
    public void Every_rule_of_the_strict_config_is_an_error() =>
        Assert.All(Rules(RepoPaths.StrictLinterConfig), rule => Assert.Equal("error", rule.Value));

    [Fact]
    public void No_rule_of_the_deployed_config_can_stop_a_deployment() =>
        Assert.All(Rules(RepoPaths.DeployedLinterConfig), rule => Assert.NotEqual("error", rule.Value));

    [Theory]
    [InlineData("use-recent-api-versions")]
    [InlineData("use-recent-module-versions")]
    public void Date_dependent_rules_are_off_for_users(string rule) =>
        Assert.Equal("off", Rules(RepoPaths.DeployedLinterConfig)[rule]);

    [Fact]
    public void Both_configs_name_the_same_rules() =>
        Assert.Equal(
            Rules(RepoPaths.StrictLinterConfig).Keys.Order(StringComparer.Ordinal),
            Rules(RepoPaths.DeployedLinterConfig).Keys.Order(StringComparer.Ordinal));

    private static Dictionary<string, string> Rules(string configPath)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(configPath), ConfigOptions);
        var core = config.RootElement.GetProperty("analyzers").GetProperty("core");
        Assert.True(core.GetProperty("enabled").GetBoolean());
        return core.GetProperty("rules").EnumerateObject()
            .ToDictionary(rule => rule.Name, rule => rule.Value.GetProperty("level").GetString()!, StringComparer.Ordinal);
    }
}
