using LivechatFunctions.Authentication;
using LivechatFunctions.Tests.Fakes;

namespace LivechatFunctions.Tests.Functions;

/// <summary>
/// A refusal reads nothing whose cost depends on the visitor's messages (spec §2, after the error list): with
/// <c>searchText</c>, no query goes to the store before the room check and access have passed.
/// </summary>
public class RefusalReadsTests
{
    private static FakeStore StoreWithRoomOfAnotherAgent()
    {
        var store = new FakeStore();
        store.AddToken(Seed.AgentId, TokenDigest.Compute(Seed.AgentToken), Seed.Token(Seed.AgentId, "livechat-agent"));
        store.AddRoom(Seed.VisitorId, Seed.RoomId, Seed.Room(Seed.RoomId, Seed.VisitorId, servedBy: "someone-else"));
        store.MessageRoomIds.Add(Seed.RoomId);
        return store;
    }

    [Fact]
    public async Task An_access_refusal_with_search_text_sends_no_query()
    {
        var store = StoreWithRoomOfAnotherAgent();
        var response = await new TestApp(store).GetAsync(query: "searchText=hello");
        Assert.Equal("""{"success":false,"error":"error-not-allowed"}""", response.Body);
        Assert.Empty(store.Queries);
    }

    [Fact]
    public async Task A_room_refusal_with_search_text_sends_no_query()
    {
        var store = StoreWithRoomOfAnotherAgent();
        var response = await new TestApp(store).GetAsync(roomId: "no-such-room", query: "searchText=hello");
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", response.Body);
        Assert.Empty(store.Queries);
    }

    [Fact]
    public async Task A_granted_request_with_search_text_searches_then_reads_the_page()
    {
        var store = Seed.AgentWithServedRoom();
        store.MessageRoomIds.Add(Seed.RoomId);
        var response = await new TestApp(store).GetAsync(query: "searchText=hello");
        Assert.Equal(200, response.Status);
        Assert.Contains("m.msg", store.QueryTexts.First(), StringComparison.Ordinal);
        Assert.Equal(2, store.PointReads);
    }
}
