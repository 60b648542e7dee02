using System.Text.RegularExpressions;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>Every Bicep file compiles cleanly; infra/bicepconfig.json turns linter findings into errors.</summary>
public sealed partial class BicepBuildTests
{
    public static TheoryData<string> BicepFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Infra, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Bicep_file_builds_without_diagnostics(string relativePath)
    {
        var outputDirectory = Directory.CreateTempSubdirectory("bicep-build-");
        try
        {
            var result = BicepCli.Run("build", Path.Combine(RepoPaths.Root, relativePath), "--outdir", outputDirectory.FullName);

            var output = result.StandardOutput + result.StandardError;
            Assert.True(result.ExitCode == 0, $"bicep build exited with {result.ExitCode}:{Environment.NewLine}{output}");
            Assert.DoesNotMatch(Diagnostic(), output);
        }
        finally
        {
            outputDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Infra_has_a_main_bicep() => Assert.True(File.Exists(RepoPaths.MainBicep));

    // Bicep prints diagnostics as "<file>(<line>,<col>) : <Level> <code>: <message>".
    [GeneratedRegex(@"\(\d+,\d+\) : (Error|Warning|Info) ")]
    private static partial Regex Diagnostic();
}
