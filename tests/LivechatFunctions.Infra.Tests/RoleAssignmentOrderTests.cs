using System.Text.Json;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>
/// Role assignments that cannot race each other or the first deploy: written one at a time per account, after what
/// they depend on, and only the roles an HTTP-only app uses.
/// </summary>
public sealed class RoleAssignmentOrderTests
{
    private const string RoleAssignment = "Microsoft.Authorization/roleAssignments";
    private const string SqlRoleAssignment = "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageBlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";

    private static readonly ArmTemplate Template = ArmTemplate.Main;

    [Fact]
    public void Every_azure_role_assignment_to_the_app_identity_says_it_is_a_service_principal()
    {
        var forApp = Template.OfType(RoleAssignment)
            .Where(a => Template.RefersToAppIdentity(a.GetString("properties", "principalId")))
            .ToList();

        Assert.NotEmpty(forApp);
        Assert.All(forApp, a => Assert.Equal("ServicePrincipal", a.GetString("properties", "principalType")));
    }

    [Fact]
    public void Storage_role_assignments_in_a_loop_are_written_one_at_a_time()
    {
        var loops = Template.OfType(RoleAssignment).Where(a => a.TryGet(out _, "copy")).ToList();

        Assert.NotEmpty(loops);
        Assert.All(loops, loop =>
        {
            Assert.Equal("serial", loop.GetString("copy", "mode"));
            Assert.Equal(1, loop.Get("copy", "batchSize").GetInt32());
        });
    }

    [Fact]
    public void Cosmos_data_plane_role_assignments_are_written_one_after_another()
    {
        var assignments = Template.OfType(SqlRoleAssignment).ToList();

        Assert.True(assignments.Count >= 2, "expected the app's and the deploying principal's assignments");
        for (var i = 0; i < assignments.Count; i++)
        {
            for (var j = i + 1; j < assignments.Count; j++)
            {
                Assert.True(
                    DependsOn(assignments[i], assignments[j].Symbol) || DependsOn(assignments[j], assignments[i].Symbol),
                    $"{assignments[i].Symbol} and {assignments[j].Symbol} may be written to the account at the same time");
            }
        }
    }

    [Fact]
    public void Cosmos_data_plane_role_assignments_wait_for_every_container()
    {
        var containers = Template.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers").ToList();

        Assert.NotEmpty(containers);
        Assert.All(Template.OfType(SqlRoleAssignment), assignment =>
            Assert.All(containers, container => Assert.True(
                DependsOn(assignment, container.Symbol),
                $"{assignment.Symbol} may be written while {container.Symbol} is still being created")));
    }

    [Fact]
    public void No_role_grants_storage_queue_access() =>
        Assert.DoesNotContain(StorageQueueDataContributor, Template.Text, StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void Host_storage_settings_name_no_queue_endpoint() =>
        Assert.DoesNotContain("AzureWebJobsStorage__queueServiceUri", Template.AppSettings().Keys);

    [Fact]
    public void The_deploying_principal_may_only_read_the_package_container_and_only_when_given()
    {
        var readers = Template.OfType(RoleAssignment)
            .Where(a => Template.Expand(a.GetString("properties", "roleDefinitionId")).Contains(StorageBlobDataReader, StringComparison.Ordinal))
            .ToList();

        var reader = Assert.Single(readers);
        Assert.Equal("[parameters('principalId')]", reader.GetString("properties", "principalId"));
        Assert.Equal("[not(empty(parameters('principalId')))]", reader.Condition);
        Assert.Contains("'Microsoft.Storage/storageAccounts/blobServices/containers'", reader.GetString("scope"), StringComparison.Ordinal);
    }

    // Whether a resource depends on a symbol, directly or through the resources it depends on.
    private static bool DependsOn(TemplateResource resource, string symbol)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<TemplateResource>([resource]);
        while (pending.TryPop(out var current))
        {
            foreach (var dependency in DirectDependencies(current))
            {
                if (dependency == symbol)
                {
                    return true;
                }

                if (seen.Add(dependency) && Template.Resources.SingleOrDefault(r => r.Symbol == dependency) is { } next)
                {
                    pending.Push(next);
                }
            }
        }

        return false;
    }

    private static IEnumerable<string> DirectDependencies(TemplateResource resource) =>
        resource.TryGet(out var dependsOn, "dependsOn") && dependsOn.ValueKind == JsonValueKind.Array
            ? dependsOn.EnumerateArray().Select(d => d.GetString()!)
            : [];
}
