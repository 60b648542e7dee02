using System.Globalization;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>
/// The autoscale ceiling Cosmos DB accepts: 1,000 to 1,000,000 RU/s in steps of 1,000. The parameter counts thousands,
/// so a value off the step cannot be written, and one outside the range is refused when a parameter file is built.
/// </summary>
public sealed class AutoscaleGuardTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1_001)]
    public void A_ceiling_outside_the_range_fails_the_parameter_build(int maxThroughput)
    {
        var result = BuildParameters(maxThroughput);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(@"BCP32[78]", result.StandardOutput + result.StandardError);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1_000)]
    public void A_ceiling_in_the_range_builds(int maxThroughput)
    {
        var result = BuildParameters(maxThroughput);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
    }

    [Fact]
    public void The_ceiling_deployed_is_the_parameter_in_whole_thousands_of_request_units()
    {
        var database = ArmTemplate.Main.Single("Microsoft.DocumentDB/databaseAccounts/sqlDatabases");

        var options = database.GetString("properties", "options");

        Assert.Contains("'maxThroughput', mul(parameters('cosmosAutoscaleMaxThousandRUs'), 1000)", options, StringComparison.Ordinal);
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
                param cosmosAutoscaleMaxThousandRUs = {maxThroughput}
                """));
            return BicepCli.Run("build-params", parameters, "--outfile", Path.Combine(folder.FullName, "autoscale.json"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
