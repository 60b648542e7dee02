using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>azure.yaml: the azd version it needs and the hook that waits for role assignments before deploying.</summary>
public sealed class AzureYamlTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "azure.yaml"));

    [Fact]
    public void Azd_must_be_at_least_1_15_0() =>
        Assert.Contains(Lines, l => l.Trim() == "azd: \">= 1.15.0\"");

    [Fact]
    public void Postprovision_runs_the_wait_for_access_hook_on_both_platforms()
    {
        var hooks = Lines.SkipWhile(l => l != "hooks:").TakeWhile(l => l == "hooks:" || l.StartsWith(' ')).ToList();

        Assert.Contains("  postprovision:", hooks);
        Assert.Contains("      run: ./infra/hooks/wait-for-access.sh", hooks);
        Assert.Contains("      run: ./infra/hooks/wait-for-access.ps1", hooks);
        Assert.DoesNotContain(hooks, l => l.Contains("continueOnError: true", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("wait-for-access.sh")]
    [InlineData("wait-for-access.ps1")]
    public void Hook_scripts_exist(string script) =>
        Assert.True(File.Exists(Path.Combine(RepoPaths.Infra, "hooks", script)), script);
}
