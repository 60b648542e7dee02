using System.Text.Json;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

public sealed class LinterConfigTests
{
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
    public void Linter_rule_is_an_error(string rule)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "bicepconfig.json")));
        var core = config.RootElement.GetProperty("analyzers").GetProperty("core");

        Assert.True(core.GetProperty("enabled").GetBoolean());
        Assert.Equal("error", core.GetProperty("rules").GetProperty(rule).GetProperty("level").GetString());
    }
}
