using LivechatFunctions.Authentication;
using LivechatFunctions.Reliability.Tests.Harness;
using Microsoft.Extensions.Logging;

namespace LivechatFunctions.Reliability.Tests.Faults;

/// <summary>
/// Documents in the containers that are not what spec §4 describes. Each test writes its own visitor's partition
/// or user's token, so the rest of the data stays as the other tests expect it.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class MalformedDocumentTests(ReliabilityFixture fixture) : InProcessAppTests(fixture)
{
    private readonly string _visitor = "v-odd-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_chat_whose_fields_have_the_wrong_types_is_listed_as_stored_beside_the_others()
    {
        await PutRoomAsync("odd-good", """{"fname":"Good","msgs":1,"ts":"2024-01-02T00:00:00.000Z","v":{"_id":"x"},"servedBy":{"_id":"a"},"closedAt":"2024-01-02T01:00:00.000Z"}""");
        await PutRoomAsync("odd-typed", """{"fname":7,"msgs":"many","ts":12345,"v":"not-an-object","servedBy":"agent","closedAt":null,"tags":{"a":1},"closingMessage":5,"open":"yes"}""");

        var answer = await App.GetAsync(ReliabilityData.Manager, "odd-good", _visitor, "count=0");

        Assert.Equal(200, answer.Status);
        Contract.RevealsNothing(answer);
        Assert.Equal(["odd-good", "odd-typed"], answer.HistoryIds.Order(StringComparer.Ordinal));
        var odd = answer.Json.GetProperty("history").EnumerateArray().Single(i => i.GetProperty("_id").GetString() == "odd-typed");
        Assert.Equal("""{"_id":"odd-typed","fname":7,"ts":12345,"msgs":"many","v":"not-an-object","servedBy":"agent","closedAt":null,"tags":{"a":1},"closingMessage":5}""", odd.GetRawText());
    }

    [Fact]
    public async Task A_document_nested_deeper_than_cosmos_allows_answers_500_without_detail_spares_other_visitors_and_recovers()
    {
        await PutRoomAsync("odd-good", """{"fname":"Good","msgs":1,"ts":"2024-01-02T00:00:00.000Z","v":{"_id":"x"},"servedBy":{"_id":"a"},"closedAt":"2024-01-02T01:00:00.000Z"}""");
        // Cosmos DB refuses documents nested more than 128 levels; the local server stores them. Nothing can read it as spec §4.
        await PutRoomAsync("odd-deep", $$"""{"fname":"Deep","msgs":1,"ts":"2024-01-01T00:00:00.000Z","servedBy":{"_id":"a"},"closedAt":"x","tags":{{Nested(200)}}}""");

        var answer = await App.GetAsync(ReliabilityData.Manager, "odd-good", _visitor, "count=0");

        Assert.Equal(500, answer.Status);
        Assert.Equal(Contract.InternalError, answer.Body);
        Assert.Contains(App.Log.Entries, e => e.Level == LogLevel.Error && e.Text.Contains($"Invocation {answer.InvocationId}: ", StringComparison.Ordinal));
        Assert.Equal(200, (await App.GetAsync(ReliabilityData.Manager, ReliabilityData.AnaRoom.Id, ReliabilityData.Ana)).Status);

        await LocalStore.DeleteAsync(Fixture.Store.Rooms, _visitor, "odd-deep");
        Assert.Equal(["odd-good"], (await App.GetAsync(ReliabilityData.Manager, "odd-good", _visitor, "count=0")).HistoryIds);
    }

    [Fact]
    public async Task Messages_of_the_wrong_shape_never_match_a_search()
    {
        await PutRoomAsync("odd-good", """{"fname":"Good","msgs":1,"ts":"2024-01-02T00:00:00.000Z","v":{"_id":"x"},"servedBy":{"_id":"a"},"closedAt":"2024-01-02T01:00:00.000Z"}""");
        await PutDocumentAsync("odd-m1", """{"kind":"message","rid":"odd-good","msg":42}""");
        await PutDocumentAsync("odd-m2", """{"kind":"message","rid":["odd-good"],"msg":"needle"}""");
        await PutDocumentAsync("odd-m3", """{"kind":"message","msg":"needle"}""");

        var number = await App.GetAsync(ReliabilityData.Manager, "odd-good", _visitor, "searchText=42");
        var needle = await App.GetAsync(ReliabilityData.Manager, "odd-good", _visitor, "searchText=needle");

        Assert.Empty(number.HistoryIds);
        Assert.Empty(needle.HistoryIds);
    }

    [Theory]
    [InlineData("\"roles\":\"admin\"", 403)]
    [InlineData("\"roles\":[\"admin\"],\"expiresAt\":\"soon\"", 401)]
    [InlineData("\"roles\":[\"admin\"],\"expiresAt\":1735689600", 401)]
    [InlineData("\"roles\":[7,null,{\"name\":\"admin\"}]", 403)]
    public async Task A_token_document_of_the_wrong_shape_refuses_the_login_instead_of_failing(string fields, int status)
    {
        var userId = "odd-user-" + Guid.NewGuid().ToString("N");
        const string Token = "odd-user-token";
        await LocalStore.UpsertAsync(Fixture.Store.Tokens, userId, $$"""{"id":"{{TokenDigest.Compute(Token)}}","userId":"{{userId}}",{{fields}}}""");

        var answer = await App.GetAsync(new LoginFixture(userId, Token, [], []), ReliabilityData.AnaRoom.Id, ReliabilityData.Ana);

        Assert.Equal(status, answer.Status);
        Assert.Equal(status == 401 ? Contract.NotLoggedIn : Contract.Forbidden, answer.Body);
    }

    private Task PutRoomAsync(string id, string fields) =>
        PutDocumentAsync(id, fields.Insert(1, $"\"kind\":\"room\",\"_id\":\"{id}\","));

    private Task PutDocumentAsync(string id, string fields) =>
        LocalStore.UpsertAsync(Fixture.Store.Rooms, _visitor, fields.Insert(1, $"\"id\":\"{id}\",\"visitorId\":\"{_visitor}\","));

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);
}
