using System.Net;
using LivechatFunctions.Storage;
using LivechatFunctions.Tests.Fakes;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Tests.Storage;

/// <summary>
/// Cosmos DB refusing the app's identity (403, a role missing or not applied yet) stays a 500, a misconfiguration and
/// not an outage, but the log line names the data-plane role the identity needs.
/// </summary>
public sealed class AccessRefusedTests
{
    // Cosmos DB's substatus when an Entra ID principal lacks the permission a request needs.
    private const int PrincipalLacksPermission = 5301;

    [Fact]
    public async Task A_refused_page_query_answers_500_and_logs_the_role_the_app_needs()
    {
        var store = Seed.AgentWithServedRoom();
        store.QueryException = new CosmosException("principal does not have required RBAC permissions", HttpStatusCode.Forbidden, PrincipalLacksPermission, "activity-403", 0);
        var app = new TestApp(store);

        var response = await app.GetAsync();

        Assert.Equal(500, response.Status);
        Assert.Equal("""{"success":false,"error":"internal-error"}""", response.Body);
        Assert.Contains("Cosmos DB Built-in Data Reader (00000000-0000-0000-0000-000000000001)", app.FunctionLog.AllText, StringComparison.Ordinal);
        Assert.Contains("status 403", app.FunctionLog.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refused_point_read_answers_500_and_logs_the_role_the_app_needs(bool tokens)
    {
        var store = Seed.AgentWithServedRoom();
        store.FailureSubStatus = "5301";
        if (tokens)
        {
            store.TokenFailure = HttpStatusCode.Forbidden;
        }
        else
        {
            store.RoomFailure = HttpStatusCode.Forbidden;
        }

        var app = new TestApp(store);
        var response = await app.GetAsync();

        Assert.Equal(500, response.Status);
        Assert.Contains("needs the data-plane role Cosmos DB Built-in Data Reader", app.FunctionLog.AllText, StringComparison.Ordinal);
        Assert.Contains("substatus 5301", app.FunctionLog.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sdks_own_message_is_not_logged()
    {
        var store = Seed.AgentWithServedRoom();
        store.QueryException = new CosmosException("secret request address /dbs/livechat/colls/tokens/docs/digest", HttpStatusCode.Forbidden, PrincipalLacksPermission, "activity-403", 0);
        var app = new TestApp(store);

        await app.GetAsync();

        Assert.DoesNotContain("secret request address", app.FunctionLog.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_unexpected_statuses_keep_their_plain_reason() =>
        Assert.Equal("unexpected status", StoreCall.ReasonFor(HttpStatusCode.Conflict, 0));

    [Fact]
    public void The_role_named_is_the_one_the_template_grants_the_app() =>
        Assert.Contains(
            $"var cosmosDataReaderRoleId = '{StoreCall.RequiredDataPlaneRoleId}'",
            File.ReadAllText(Path.Combine(RepoRoot(), "infra", "main.bicep")),
            StringComparison.Ordinal);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LivechatFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No LivechatFunctions.sln above the test output.");
    }
}
