using System.Text.Json;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>The Cosmos DB account, database and containers (contract section 4) in the compiled main.bicep.</summary>
public sealed class CosmosTemplateTests
{
    private const string DataReader = "00000000-0000-0000-0000-000000000001";
    private const string DataContributor = "00000000-0000-0000-0000-000000000002";
    private const string SqlRoleAssignment = "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments";

    private static readonly ArmTemplate Template = ArmTemplate.Main;

    private static TemplateResource Account => Template.Single("Microsoft.DocumentDB/databaseAccounts");

    [Fact]
    public void Cosmos_account_is_nosql()
    {
        Assert.Equal("GlobalDocumentDB", Account.GetString("kind"));
        Assert.Equal("Enabled", Account.GetString("properties", "publicNetworkAccess"));
    }

    [Fact]
    public void Cosmos_disables_local_auth()
    {
        Assert.True(Account.Get("properties", "disableLocalAuth").GetBoolean());
        Assert.True(Account.Get("properties", "disableKeyBasedMetadataWriteAccess").GetBoolean());
    }

    [Fact]
    public void Cosmos_requires_tls_1_2() =>
        Assert.Equal("Tls12", Account.GetString("properties", "minimalTlsVersion"));

    [Fact]
    public void Capacity_mode_is_serverless_or_autoscale()
    {
        var mode = Template.Parameter("cosmosCapacityMode");
        var maxThroughput = Template.Parameter("cosmosAutoscaleMaxThousandRUs");

        Assert.Equal(["serverless", "autoscale"], mode.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(1, maxThroughput.GetProperty("minValue").GetInt32());
        Assert.Equal(1, maxThroughput.GetProperty("defaultValue").GetInt32());
    }

    [Fact]
    public void Serverless_capability_and_database_autoscale_follow_the_capacity_mode()
    {
        var capabilities = Template.Expand(Account.GetString("properties", "capabilities"));
        var options = Template.Expand(Template.Single("Microsoft.DocumentDB/databaseAccounts/sqlDatabases").GetString("properties", "options"));
        const string serverless = "equals(parameters('cosmosCapacityMode'), 'serverless')";

        Assert.Equal($"[if({serverless}, createArray(createObject('name', 'EnableServerless')), createArray())]", capabilities);
        Assert.Equal(
            $"[if({serverless}, createObject(), createObject('autoscaleSettings', createObject('maxThroughput', mul(parameters('cosmosAutoscaleMaxThousandRUs'), 1000))))]",
            options);
    }

    [Fact]
    public void Containers_have_no_throughput_of_their_own() =>
        Assert.All(Containers(), c => Assert.False(c.TryGet(out _, "properties", "options", "autoscaleSettings") || c.TryGet(out _, "properties", "options", "throughput")));

    [Fact]
    public void Database_is_livechat() =>
        Assert.Equal("livechat", Template.Literal(Template.Single("Microsoft.DocumentDB/databaseAccounts/sqlDatabases").GetString("properties", "resource", "id")));

    [Theory]
    [InlineData("rooms", "/visitorId")]
    [InlineData("tokens", "/userId")]
    public void Container_has_the_contract_partition_key(string container, string partitionKey)
    {
        var paths = Container(container).Get("properties", "resource", "partitionKey", "paths");

        Assert.Equal([partitionKey], paths.EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public void Tokens_container_has_ttl_on_without_a_default()
    {
        Assert.Equal(-1, Container("tokens").Get("properties", "resource", "defaultTtl").GetInt32());
        Assert.False(Container("rooms").TryGet(out _, "properties", "resource", "defaultTtl"));
    }

    [Fact]
    public void Rooms_container_indexes_only_what_the_endpoint_filters_and_sorts_on()
    {
        var policy = Template.Resolve(Container("rooms").Get("properties", "resource", "indexingPolicy"));
        string[] expected =
        [
            "/kind/?", "/visitorId/?", "/rid/?", "/ts/?", "/closedAt/?", "/fname/?", "/msgs/?", "/_id/?",
            "/servedBy/*", "/open/?", "/source/type/?", "/source/alias/?", "/msg/?",
        ];

        Assert.Equal("consistent", policy.GetProperty("indexingMode").GetString());
        Assert.Equal(expected.Order(StringComparer.Ordinal), Paths(policy, "includedPaths").Order(StringComparer.Ordinal));
        Assert.Contains("/*", Paths(policy, "excludedPaths"));
    }

    [Fact]
    public void Tokens_container_indexes_nothing()
    {
        var policy = Container("tokens").Get("properties", "resource", "indexingPolicy");

        Assert.Equal("consistent", policy.GetProperty("indexingMode").GetString());
        Assert.Empty(Paths(policy, "includedPaths"));
        Assert.Contains("/*", Paths(policy, "excludedPaths"));
    }

    [Fact]
    public void App_identity_gets_cosmos_data_reader_only()
    {
        var forApp = Template.OfType(SqlRoleAssignment)
            .Where(a => Template.RefersToAppIdentity(a.GetString("properties", "principalId")))
            .ToList();

        var assignment = Assert.Single(forApp);
        var role = Template.Expand(assignment.GetString("properties", "roleDefinitionId"));
        Assert.Contains($"/sqlRoleDefinitions/{{1}}', resourceId('Microsoft.DocumentDB/databaseAccounts'", role, StringComparison.Ordinal);
        Assert.EndsWith($"'{DataReader}')]", role, StringComparison.Ordinal);
        Assert.Null(assignment.Condition);
        Assert.Contains("Microsoft.DocumentDB/databaseAccounts", assignment.GetString("properties", "scope"), StringComparison.Ordinal);
    }

    [Fact]
    public void Data_contributor_goes_only_to_the_optional_deploying_principal()
    {
        var contributors = Template.OfType(SqlRoleAssignment)
            .Where(a => Template.Expand(a.GetString("properties", "roleDefinitionId")).Contains(DataContributor, StringComparison.Ordinal))
            .ToList();

        var assignment = Assert.Single(contributors);
        Assert.Equal("[parameters('principalId')]", assignment.GetString("properties", "principalId"));
        Assert.Equal("[not(empty(parameters('principalId')))]", assignment.Condition);
        Assert.Equal(string.Empty, Template.Parameter("principalId").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void Sql_role_assignment_names_are_stable_guids() =>
        Assert.All(Template.OfType(SqlRoleAssignment), a =>
        {
            Assert.Contains("guid(", a.Name, StringComparison.Ordinal);
            Assert.DoesNotContain("newGuid(", a.Name, StringComparison.Ordinal);
            Assert.DoesNotContain("utcNow(", a.Name, StringComparison.Ordinal);
        });

    private static IEnumerable<TemplateResource> Containers() =>
        Template.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");

    private static TemplateResource Container(string name) =>
        Assert.Single(Containers(), c => Template.Literal(c.GetString("properties", "resource", "id")) == name);

    private static IEnumerable<string?> Paths(JsonElement policy, string property) =>
        policy.GetProperty(property).EnumerateArray().Select(p => p.GetProperty("path").GetString());
}
