using System.Globalization;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>
/// The autoscale ceiling Cosmos DB accepts: 1,000 to 1,000,000 RU/s in steps of 1,000. The range is refused when a
/// parameter file is built; a value off the step fails the template's evaluation before any resource is deployed.
/// </summary>
public sealed class AutoscaleGuardTests
{
    [Theory]
    [InlineData(999)]
    [InlineData(1_001_000)]
    public void A_ceiling_outside_the_range_fails_the_parameter_build(int maxThroughput)
    {
        var result = BuildParameters(maxThroughput);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(@"BCP32[78]", result.StandardOutput + result.StandardError);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(1_000_000)]
    public void A_ceiling_in_the_range_builds(int maxThroughput)
    {
        var result = BuildParameters(maxThroughput);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
    }

    [Fact]
    public void A_ceiling_off_the_thousands_step_fails_the_deployment_before_it_is_used()
    {
        var database = ArmTemplate.Main.Single("Microsoft.DocumentDB/databaseAccounts/sqlDatabases");

        var options = database.GetString("properties", "options");

        Assert.Contains("mod(parameters('cosmosAutoscaleMaxThroughput'), 1000), 0)", options, StringComparison.Ordinal);
        Assert.Contains("fail('cosmosAutoscaleMaxThroughput must be a multiple of 1000", options, StringComparison.Ordinal);
    }

    private static BicepResult BuildParameters(int maxThroughput)
    {
        var folder = Directory.CreateTempSubdirectory("bicep-params-");
        try
        {
            var parameters = Path.Combine(folder.FullName, "autoscale.bicepparam");
            File.WriteAllText(parameters, string.Create(CultureInfo.InvariantCulture, $"""
                using '{Path.GetRelativePath(folder.FullName, RepoPaths.MainBicep).Replace('\\', '/')}'
                param environmentName = 'guard'
                param location = 'westeurope'
                param cosmosCapacityMode = 'autoscale'
                param cosmosAutoscaleMaxThroughput = {maxThroughput}
                """));
            return BicepCli.Run("build-params", parameters, "--outfile", Path.Combine(folder.FullName, "autoscale.json"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
