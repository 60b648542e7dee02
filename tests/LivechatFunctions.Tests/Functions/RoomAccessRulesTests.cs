using LivechatFunctions.Authentication;
using LivechatFunctions.Authorization;
using LivechatFunctions.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Tests.Functions;

/// <summary>Room access (spec §5) as the endpoint applies it to the stored room: what "closed" and "queued" read.</summary>
public class RoomAccessRulesTests
{
    private const string Agent = "agent2";
    private const string AgentToken = "agent2-token";
    private const string NotAllowed = """{"success":false,"error":"error-not-allowed"}""";

    // An agent who did not serve the room, allowed into closed rooms of other agents only.
    private static readonly PermissionOptions ClosedByAnotherAgent = new() { ViewLivechatRooms = "", ViewLivechatRoomClosedByAnotherAgent = "livechat-agent" };

    private static FakeStore StoreWithRoom(string roomFields, string departments = "")
    {
        var store = new FakeStore();
        store.AddToken(Agent, TokenDigest.Compute(AgentToken), Seed.Token(Agent, "livechat-agent", departments: departments));
        store.AddRoom(Seed.VisitorId, Seed.RoomId,
            $$"""{"id":"{{Seed.RoomId}}","kind":"room","visitorId":"{{Seed.VisitorId}}","_id":"{{Seed.RoomId}}","t":"l","fname":"Maria","msgs":1,"ts":"2021-07-22T17:17:04.216Z","v":{"_id":"{{Seed.VisitorId}}"}{{roomFields}}}""");
        return store;
    }

    private static Task<TestResponse> Get(FakeStore store, PermissionOptions permissions, bool preview = false) =>
        new TestApp(store, permissions: permissions, routing: new RoutingOptions { PreviewQueuedChats = preview })
            .GetAsync(userId: Agent, token: AgentToken);

    [Fact]
    public async Task A_chat_with_closed_at_that_still_has_open_is_not_closed_for_access()
    {
        var store = StoreWithRoom(""","servedBy":{"_id":"agent1"},"closedAt":"2021-07-22T17:30:00.000Z","open":true""");
        Assert.Equal(NotAllowed, (await Get(store, ClosedByAnotherAgent)).Body);
    }

    [Theory]
    [InlineData("")]
    [InlineData(""","open":false""")]
    [InlineData(""","open":null""")]
    [InlineData(""","open":0""")]
    [InlineData(""","open":"" """)]
    public async Task A_chat_without_open_is_closed_for_access_with_or_without_closed_at(string open)
    {
        var store = StoreWithRoom(""","servedBy":{"_id":"agent1"}""" + open.TrimEnd());
        Assert.Equal(200, (await Get(store, ClosedByAnotherAgent)).Status);
    }

    [Fact]
    public async Task A_queued_chat_is_refused_while_preview_is_off()
    {
        var store = StoreWithRoom(""","open":true""");
        Assert.Equal(NotAllowed, (await Get(store, new PermissionOptions { ViewLivechatRooms = "" })).Body);
    }

    [Fact]
    public async Task A_queued_chat_of_the_public_queue_opens_with_preview_on()
    {
        var store = StoreWithRoom(""","open":true""");
        Assert.Equal(200, (await Get(store, new PermissionOptions { ViewLivechatRooms = "" }, preview: true)).Status);
    }

    [Fact]
    public async Task A_queued_chat_of_another_department_is_refused_with_preview_on()
    {
        var store = StoreWithRoom(""","open":true,"departmentId":"sales" """.TrimEnd(), departments: "support");
        Assert.Equal(NotAllowed, (await Get(store, new PermissionOptions { ViewLivechatRooms = "" }, preview: true)).Body);
    }

    [Fact]
    public async Task A_queued_chat_of_the_agents_department_opens_with_preview_on()
    {
        var store = StoreWithRoom(""","open":true,"departmentId":"sales" """.TrimEnd(), departments: "support,sales");
        Assert.Equal(200, (await Get(store, new PermissionOptions { ViewLivechatRooms = "" }, preview: true)).Status);
    }

    [Fact]
    public async Task An_open_chat_with_served_by_is_not_queued_even_without_an_agent_id()
    {
        var store = StoreWithRoom(""","open":true,"servedBy":{}""");
        Assert.Equal(NotAllowed, (await Get(store, new PermissionOptions { ViewLivechatRooms = "" }, preview: true)).Body);
    }

    [Fact]
    public void Preview_is_off_unless_configured()
    {
        using var services = Services(new Dictionary<string, string?>());
        Assert.False(services.GetRequiredService<IOptions<RoutingOptions>>().Value.PreviewQueuedChats);
    }

    [Fact]
    public void Preview_is_read_from_Routing_PreviewQueuedChats()
    {
        using var services = Services(new Dictionary<string, string?> { ["Routing:PreviewQueuedChats"] = "true" });
        Assert.True(services.GetRequiredService<IOptions<RoutingOptions>>().Value.PreviewQueuedChats);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        settings["Cosmos:AccountEndpoint"] = "https://127.0.0.1:8081/";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddLivechatSearch(configuration).BuildServiceProvider();
    }
}
