using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>
/// The function project's publish settings, read by evaluating the project (no build): every way of publishing it
/// that docs/deploying.md or azd uses ends in the same ReadyToRun, framework-dependent linux-x64 output, and a build keeps its
/// portable output.
/// </summary>
public sealed class PublishSettingsTests
{
    private static readonly string Project = Path.Combine(RepoPaths.Root, "src", "LivechatFunctions", "LivechatFunctions.csproj");

    [Fact]
    public void A_publish_without_a_runtime_identifier_as_azd_runs_it_targets_linux_x64_ready_to_run()
    {
        var properties = Evaluate("-p:Configuration=Release", "-p:_IsPublishing=true");

        Assert.Equal(["linux-x64", "false", "true"], properties);
    }

    [Fact]
    public void A_publish_naming_linux_x64_as_the_readme_once_did_is_the_same()
    {
        var properties = Evaluate("-p:Configuration=Release", "-p:_IsPublishing=true", "-p:RuntimeIdentifier=linux-x64", "-p:SelfContained=false");

        Assert.Equal(["linux-x64", "false", "true"], properties);
    }

    [Fact]
    public void A_build_keeps_its_portable_output()
    {
        var properties = Evaluate("-p:Configuration=Debug");

        Assert.Equal(string.Empty, properties[0]);
        Assert.NotEqual("true", properties[2]);
    }

    // RuntimeIdentifier, SelfContained and PublishReadyToRun as the project evaluates them with these properties.
    private static string[] Evaluate(params string[] properties)
    {
        var result = DotnetCli.Run(
            TimeSpan.FromMinutes(3),
            ["msbuild", Project, "-getProperty:RuntimeIdentifier", "-getProperty:SelfContained", "-getProperty:PublishReadyToRun", .. properties]);
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);

        using var json = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
        var values = json.RootElement.GetProperty("Properties");
        return
        [
            values.GetProperty("RuntimeIdentifier").GetString()!,
            values.GetProperty("SelfContained").GetString()!,
            values.GetProperty("PublishReadyToRun").GetString()!,
        ];
    }
}
