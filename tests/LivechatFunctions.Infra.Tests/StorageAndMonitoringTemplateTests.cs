using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>Host storage, monitoring and their Azure role assignments in the compiled main.bicep.</summary>
public sealed class StorageAndMonitoringTemplateTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private static readonly ArmTemplate Template = ArmTemplate.Main;

    private static TemplateResource Storage => Template.Single("Microsoft.Storage/storageAccounts");

    [Fact]
    public void Storage_allows_no_shared_key_access()
    {
        Assert.False(Storage.Get("properties", "allowSharedKeyAccess").GetBoolean());
        Assert.False(Storage.Get("properties", "allowBlobPublicAccess").GetBoolean());
    }

    [Fact]
    public void Storage_requires_https_and_tls_1_2()
    {
        Assert.Equal("TLS1_2", Storage.GetString("properties", "minimumTlsVersion"));
        Assert.True(Storage.Get("properties", "supportsHttpsTrafficOnly").GetBoolean());
    }

    [Fact]
    public void Storage_is_standard_lrs_storage_v2()
    {
        Assert.Equal("StorageV2", Storage.GetString("kind"));
        Assert.Equal("Standard_LRS", Storage.GetString("sku", "name"));
    }

    [Fact]
    public void Storage_has_a_private_deployment_package_container()
    {
        var container = Template.Single("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Contains("app-package", Template.Expand(container.Name), StringComparison.Ordinal);
        Assert.Equal("None", container.GetString("properties", "publicAccess"));
    }

    [Fact]
    public void App_identity_gets_only_the_host_storage_data_roles_on_the_account()
    {
        var assignments = RoleAssignmentsScopedTo("Microsoft.Storage/storageAccounts");

        var roles = assignments.SelectMany(a => Template.ExpandPerCopy(a.GetString("properties", "roleDefinitionId"))).ToList();
        Assert.Equal(2, roles.Count);
        Assert.Single(roles, r => r.Contains(StorageBlobDataOwner, StringComparison.Ordinal));
        Assert.Single(roles, r => r.Contains(StorageTableDataContributor, StringComparison.Ordinal));
        Assert.All(assignments, a => Assert.True(Template.RefersToAppIdentity(a.GetString("properties", "principalId"))));
    }

    [Fact]
    public void Every_role_assignment_is_scoped_to_one_resource() =>
        Assert.All(Template.OfType("Microsoft.Authorization/roleAssignments"), a => Assert.True(a.TryGet(out _, "scope")));

    [Fact]
    public void App_insights_disables_local_auth()
    {
        var appInsights = Template.Single("Microsoft.Insights/components");

        Assert.True(appInsights.Get("properties", "DisableLocalAuth").GetBoolean());
        Assert.Contains("Microsoft.OperationalInsights/workspaces", appInsights.GetString("properties", "WorkspaceResourceId"), StringComparison.Ordinal);
    }

    [Fact]
    public void Log_analytics_disables_local_auth() =>
        Assert.True(Template.Single("Microsoft.OperationalInsights/workspaces").Get("properties", "features", "disableLocalAuth").GetBoolean());

    [Fact]
    public void App_identity_may_publish_metrics_to_app_insights()
    {
        var assignment = Assert.Single(RoleAssignmentsScopedTo("Microsoft.Insights/components"));

        Assert.Contains(MonitoringMetricsPublisher, Template.Expand(assignment.GetString("properties", "roleDefinitionId")), StringComparison.Ordinal);
        Assert.True(Template.RefersToAppIdentity(assignment.GetString("properties", "principalId")));
    }

    private static List<TemplateResource> RoleAssignmentsScopedTo(string resourceType) =>
        [.. Template.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.TryGet(out var scope, "scope")
                && scope.GetString()!.Contains($"'{resourceType}'", StringComparison.Ordinal))];
}
