using System.Text.Json;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>Where the template may deploy, how the data is protected, and what the postprovision hook reads.</summary>
public sealed class DeploymentDefaultsTemplateTests
{
    private static readonly ArmTemplate Template = ArmTemplate.Main;

    private static IReadOnlyList<string> AllowedLocations =>
        [.. Template.Parameter("location").GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()!)];

    [Theory]
    [InlineData("eastus")]
    [InlineData("westeurope")]
    [InlineData("swedencentral")]
    [InlineData("australiaeast")]
    public void Location_allows_flex_consumption_regions(string region) => Assert.Contains(region, AllowedLocations);

    [Theory]
    // Early-access (canary) region: not for customer deployments.
    [InlineData("eastus2euap")]
    // No Flex Consumption in Microsoft's quickstart list.
    [InlineData("westindia")]
    [InlineData("chinaeast2")]
    public void Location_refuses_regions_without_flex_consumption(string region) => Assert.DoesNotContain(region, AllowedLocations);

    [Fact]
    public void Location_names_are_lower_case_and_listed_once() =>
        Assert.Equal(AllowedLocations.Select(l => l.ToLowerInvariant()).Distinct(), AllowedLocations);

    [Fact]
    public void Azd_asks_for_the_location_from_the_allowed_list() =>
        Assert.Equal("location", Template.Parameter("location").GetProperty("metadata").GetProperty("azd").GetProperty("type").GetString());

    [Fact]
    public void Location_has_no_default_that_could_fall_outside_the_list() =>
        Assert.False(Template.Parameter("location").TryGetProperty("defaultValue", out _));

    [Fact]
    public void Cosmos_keeps_seven_days_of_continuous_backup()
    {
        var backup = Template.Single("Microsoft.DocumentDB/databaseAccounts").Get("properties", "backupPolicy");

        Assert.Equal("Continuous", backup.GetProperty("type").GetString());
        Assert.Equal("Continuous7Days", backup.GetProperty("continuousModeProperties").GetProperty("tier").GetString());
    }

    [Theory]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME", "storageAccountName")]
    [InlineData("AZURE_DEPLOYMENT_CONTAINER_NAME", "deploymentContainerName")]
    [InlineData("COSMOS_ENDPOINT", "documentEndpoint")]
    [InlineData("COSMOS_DATABASE_NAME", "cosmosDatabaseName")]
    public void Outputs_give_the_postprovision_hook_what_it_checks(string output, string source)
    {
        var value = Template.Root.GetProperty("outputs").GetProperty(output);

        Assert.Equal(JsonValueKind.String, value.GetProperty("value").ValueKind);
        Assert.Contains(source, value.GetProperty("value").GetString(), StringComparison.Ordinal);
    }
}
