using System.Text.Json;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>The rooms container's indexing policy comes from one file that the template and the local store both read.</summary>
public sealed class RoomsIndexingPolicyTests
{
    private static JsonElement DeployedPolicy => ArmTemplate.Main.Resolve(ArmTemplate.Main.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers")
        .Single(c => ArmTemplate.Main.Literal(c.GetString("properties", "resource", "id")) == "rooms")
        .Get("properties", "resource", "indexingPolicy"));

    [Fact]
    public void The_template_deploys_the_policy_file_as_written()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "rooms-indexing-policy.json")));

        Assert.True(JsonElement.DeepEquals(file.RootElement, DeployedPolicy));
    }

    [Theory]
    [InlineData("/ts")]
    [InlineData("/closedAt")]
    [InlineData("/fname")]
    [InlineData("/msgs")]
    public void Each_sort_field_has_a_composite_index_with_id_as_its_tie_breaker(string sortPath)
    {
        var composites = DeployedPolicy.GetProperty("compositeIndexes").EnumerateArray()
            .Select(index => string.Join(',', index.EnumerateArray().Select(p => $"{p.GetProperty("path").GetString()} {p.GetProperty("order").GetString()}")));

        Assert.Contains($"{sortPath} ascending,/_id ascending", composites);
    }
}
