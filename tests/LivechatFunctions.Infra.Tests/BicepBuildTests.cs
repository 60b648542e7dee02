using System.Text.RegularExpressions;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>
/// Every Bicep file compiles cleanly under the strict linter (every rule an error) with each Bicep CLI the project
/// downloads: the oldest served, nearer to what azd and the Azure CLI fetch for users, and the newest.
/// </summary>
public sealed partial class BicepBuildTests
{
    public static TheoryData<string, string> BicepFilesAndVersions()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Infra, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var version in BicepCli.Versions)
            {
                data.Add(Path.GetRelativePath(RepoPaths.Infra, file), version);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BicepFilesAndVersions))]
    public void Bicep_file_builds_without_diagnostics_under_the_strict_linter(string relativeToInfra, string bicepVersion)
    {
        using var infra = new StrictInfraCopy();
        var outputDirectory = Directory.CreateTempSubdirectory("bicep-build-");
        try
        {
            var result = BicepCli.RunVersion(bicepVersion, "build", infra.PathOf(relativeToInfra), "--outdir", outputDirectory.FullName);

            var output = result.StandardOutput + result.StandardError;
            Assert.True(result.ExitCode == 0, $"bicep {bicepVersion} build exited with {result.ExitCode}:{Environment.NewLine}{output}");
            Assert.DoesNotMatch(Diagnostic(), output);
        }
        finally
        {
            outputDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Main_bicep_builds_without_diagnostics_as_users_build_it()
    {
        var result = BicepCli.Run("build", RepoPaths.MainBicep, "--stdout");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.DoesNotMatch(Diagnostic(), result.StandardError);
    }

    [Fact]
    public void Both_the_oldest_and_the_newest_served_bicep_are_tested()
    {
        Assert.Equal(["0.47.16", "0.49.2"], BicepCli.Versions);
        Assert.All(BicepCli.Versions, version =>
            Assert.Contains($"Bicep CLI version {version} ", BicepCli.RunVersion(version, "--version").StandardOutput, StringComparison.Ordinal));
    }

    [Fact]
    public void Infra_has_a_main_bicep() => Assert.True(File.Exists(RepoPaths.MainBicep));

    // Bicep prints diagnostics as "<file>(<line>,<col>) : <Level> <code>: <message>".
    [GeneratedRegex(@"\(\d+,\d+\) : (Error|Warning|Info) ")]
    private static partial Regex Diagnostic();
}
