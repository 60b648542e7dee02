using System.Text.Json;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>infra/main.parameters.json is what azd deploys main.bicep with.</summary>
public sealed class ParametersFileTests
{
    private static JsonElement ParameterValues()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.parameters.json")));
        return document.RootElement.GetProperty("parameters").Clone();
    }

    [Fact]
    public void Parameters_file_names_only_parameters_of_main_bicep()
    {
        var declared = ArmTemplate.Main.Root.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet();

        Assert.All(ParameterValues().EnumerateObject(), p => Assert.Contains(p.Name, declared));
    }

    [Fact]
    public void Parameters_file_sets_every_required_parameter()
    {
        var given = ParameterValues().EnumerateObject().Select(p => p.Name).ToHashSet();
        var required = ArmTemplate.Main.Root.GetProperty("parameters").EnumerateObject()
            .Where(p => !p.Value.TryGetProperty("defaultValue", out _))
            .Select(p => p.Name);

        Assert.All(required, name => Assert.Contains(name, given));
    }

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    [InlineData("principalId", "${AZURE_PRINCIPAL_ID}")]
    public void Parameters_file_takes_azd_environment_values(string parameter, string value) =>
        Assert.Equal(value, ParameterValues().GetProperty(parameter).GetProperty("value").GetString());

    [Fact]
    public void Every_parameter_has_a_description() =>
        Assert.All(ArmTemplate.Main.Root.GetProperty("parameters").EnumerateObject(), p =>
            Assert.False(
                string.IsNullOrWhiteSpace(p.Value.GetProperty("metadata").GetProperty("description").GetString()),
                $"{p.Name} has no description"));
}
