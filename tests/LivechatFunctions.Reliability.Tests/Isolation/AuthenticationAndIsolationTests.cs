using LivechatFunctions.Reliability.Tests.Harness;

namespace LivechatFunctions.Reliability.Tests.Isolation;

/// <summary>
/// Who may read whose history (spec §2.1, §2.2, §2.4, §4): another user's token, an expired one, a user id that is
/// almost right, a user whose roles were taken away, a room or visitor id of someone else.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class AuthenticationAndIsolationTests(ReliabilityFixture fixture) : InProcessAppTests(fixture)
{
    private static readonly ChatFixture AnaRoom = ReliabilityData.AnaRoom;

    [Fact]
    public async Task Another_users_token_is_not_a_login() =>
        await AssertNotLoggedInAsync(ReliabilityData.Agent.UserId, ReliabilityData.Manager.Token);

    [Fact]
    public async Task An_expired_token_is_not_a_login() =>
        await AssertNotLoggedInAsync(ReliabilityData.Expired.UserId, ReliabilityData.Expired.Token);

    [Theory]
    [InlineData("REL-AGENT")]
    [InlineData("Rel-agent")]
    [InlineData(" rel-agent")]
    [InlineData("rel-agent ")]
    [InlineData("rel-agent\t")]
    [InlineData("rel-agent\n")]
    [InlineData("rel-agent\u00a0")]
    [InlineData("rel-agent\u200b")]
    [InlineData("rel\u2010agent")]
    [InlineData("rel-agent\0")]
    public async Task A_user_id_that_differs_only_by_case_or_whitespace_is_not_a_login(string userId) =>
        await AssertNotLoggedInAsync(userId, ReliabilityData.Agent.Token);

    [Fact]
    public async Task A_user_whose_roles_were_removed_is_refused_403_on_the_next_request()
    {
        var login = new LoginFixture("iso-" + Guid.NewGuid().ToString("N"), "iso-token-" + Guid.NewGuid().ToString("N"), ["livechat-manager"], []);
        await LocalStore.UpsertAsync(Fixture.Store.Tokens, login.UserId, ReliabilityData.TokenJson(login));
        Assert.Equal(200, (await App.GetAsync(login, AnaRoom.Id, AnaRoom.VisitorId)).Status);

        await LocalStore.UpsertAsync(Fixture.Store.Tokens, login.UserId, ReliabilityData.TokenJson(login with { Roles = [] }));
        var answer = await App.GetAsync(login, AnaRoom.Id, AnaRoom.VisitorId);

        Assert.Equal(403, answer.Status);
        Assert.Equal(Contract.Forbidden, answer.Body);
    }

    [Fact]
    public async Task A_deleted_token_is_refused_401_on_the_next_request()
    {
        var login = new LoginFixture("iso-" + Guid.NewGuid().ToString("N"), "iso-token-" + Guid.NewGuid().ToString("N"), ["livechat-manager"], []);
        await LocalStore.UpsertAsync(Fixture.Store.Tokens, login.UserId, ReliabilityData.TokenJson(login));
        Assert.Equal(200, (await App.GetAsync(login, AnaRoom.Id, AnaRoom.VisitorId)).Status);

        await LocalStore.DeleteAsync(Fixture.Store.Tokens, login.UserId, LivechatFunctions.Authentication.TokenDigest.Compute(login.Token));
        var answer = await App.GetAsync(login, AnaRoom.Id, AnaRoom.VisitorId);

        Assert.Equal(401, answer.Status);
        Assert.Equal(Contract.NotLoggedIn, answer.Body);
    }

    [Theory]
    [InlineData("rel-agent")]
    [InlineData("rel-manager")]
    public async Task A_room_of_another_visitor_is_an_invalid_room_even_for_a_manager(string userId)
    {
        var login = ReliabilityData.Logins.First(l => l.UserId == userId);

        var answer = await App.GetAsync(login, ReliabilityData.BenRoom.Id, ReliabilityData.Ana);

        Assert.Equal(400, answer.Status);
        Assert.Equal(Contract.InvalidRoom, answer.Body);
    }

    [Theory]
    [InlineData(ReliabilityData.Ben)]
    [InlineData("V-ANA")]
    [InlineData("v-ana ")]
    [InlineData("v-an")]
    public async Task A_visitor_id_that_is_not_the_rooms_visitor_is_an_invalid_room(string visitorId)
    {
        var answer = await App.GetAsync(ReliabilityData.Manager, AnaRoom.Id, visitorId);

        Assert.Equal(400, answer.Status);
        Assert.Equal(Contract.InvalidRoom, answer.Body);
    }

    [Fact]
    public async Task An_agent_may_not_open_a_room_of_another_department_they_did_not_serve()
    {
        var answer = await App.GetAsync(ReliabilityData.OtherAgent, AnaRoom.Id, AnaRoom.VisitorId);

        Assert.Equal(400, answer.Status);
        Assert.Equal(Contract.NotAllowed, answer.Body);
    }

    [Fact]
    public async Task The_history_is_only_ever_the_path_visitors()
    {
        foreach (var chat in ReliabilityData.Chats)
        {
            var answer = await App.GetAsync(ReliabilityData.Manager, chat.Id, chat.VisitorId, "closedChatsOnly=false&servedChatsOnly=false&count=0");

            Assert.Equal(ReliabilityData.ChatsOf(chat.VisitorId).Select(c => c.Id), answer.HistoryIds);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("count=0&closedChatsOnly=false&servedChatsOnly=false")]
    [InlineData("count=3&offset=2&sort=%7B%22fname%22%3A1%7D")]
    [InlineData("searchText=Hello&source=a&closedChatsOnly=false")]
    public async Task Answers_never_carry_storage_fields(string query)
    {
        // Ana's chats, and a demo visitor's (whose documents carry every optional field in many combinations).
        foreach (var (room, visitor) in new[] { (AnaRoom.Id, ReliabilityData.Ana), ("demo-visitor-1-chat-01", "demo-visitor-1") })
        {
            var answer = await App.GetAsync(ReliabilityData.Manager, room, visitor, query);

            Assert.Equal(200, answer.Status);
            Contract.HasOnlyItemFields(answer);
            Assert.All(Contract.StorageFields.Where(f => f.StartsWith('_')), field => Assert.DoesNotContain($"\"{field}\"", answer.Body, StringComparison.Ordinal));
            Assert.True(visitor != ReliabilityData.Ana || answer.HistoryIds.Count > 0, "Ana's page is empty: the check would prove nothing");
        }
    }

    private async Task AssertNotLoggedInAsync(string userId, string token)
    {
        var answer = await App.SendAsync(new CallerRequest(AnaRoom.Id, AnaRoom.VisitorId, string.Empty, CallerRequest.LoginHeaders(userId, token)));

        Assert.Equal(401, answer.Status);
        Assert.Equal(Contract.NotLoggedIn, answer.Body);
    }
}
