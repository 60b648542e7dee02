using LivechatFunctions.Reliability.Tests.Harness;

namespace LivechatFunctions.Reliability.Tests.HostileInput;

/// <summary>
/// A representative part of the hostile corpus sent byte for byte over real HTTP to the local host. What a caller
/// sees is asserted exactly. Kestrel refuses some raw inputs itself before the app runs (400, 414, 431, with an
/// empty body); the Functions host's Kestrel does the same in Azure. Nothing is ever a 500 or leaks a detail.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class HostileHttpTests(ReliabilityFixture fixture)
{
    private const string Base = "/api/v1/livechat/visitors.searchChats/";
    private static readonly LoginFixture Manager = ReliabilityData.Manager;
    private static readonly string AnaPath = $"{Base}room/{ReliabilityData.AnaRoom.Id}/visitor/{ReliabilityData.Ana}";

    /// <summary>Label, request target, which headers, expected status and body (null: refused by Kestrel, empty body).</summary>
    public static TheoryData<string, string, string, int, string?> Cases { get; } = new()
    {
        { "dot segments in the room", $"{Base}room/../visitor/{ReliabilityData.Ana}", "login", 404, """{"success":false,"error":"not-found"}""" },
        { "encoded dot segments in the room", $"{Base}room/%2E%2E/visitor/{ReliabilityData.Ana}", "login", 404, """{"success":false,"error":"not-found"}""" },
        { "an empty room segment", $"{Base}room//visitor/{ReliabilityData.Ana}", "login", 404, """{"success":false,"error":"not-found"}""" },
        { "an encoded slash in the room", $"{Base}room/ana-01%2Fm1/visitor/{ReliabilityData.Ana}", "login", 400, Contract.InvalidRoom },
        { "encoded traversal in the room", $"{Base}room/..%2F..%2Ftokens/visitor/{ReliabilityData.Ana}", "login", 400, Contract.InvalidRoom },
        { "encoded UTF-8 in the room", $"{Base}room/r%C3%B6om%F0%9F%98%80/visitor/{ReliabilityData.Ana}", "login", 400, Contract.InvalidRoom },
        { "a raw control character in the room", $"{Base}room/ana\u000101/visitor/{ReliabilityData.Ana}", "login", 400, Contract.InvalidRoom },
        { "encoded NUL and CRLF in the room", $"{Base}room/ana%00%0D%0A/visitor/{ReliabilityData.Ana}", "login", 400, null },
        { "raw UTF-8 in the room", $"{Base}room/r\u00f6om/visitor/{ReliabilityData.Ana}", "login", 400, null },
        { "a 7000-character room", $"{Base}room/{new string('r', 7000)}/visitor/{ReliabilityData.Ana}", "login", 400, Contract.InvalidRoom },
        { "a 70000-character room", $"{Base}room/{new string('r', 70000)}/visitor/{ReliabilityData.Ana}", "login", 414, null },
        { "SQL in the visitor", $"{Base}room/ana-01/visitor/{Uri.EscapeDataString("' OR 1=1 --")}", "login", 400, Contract.InvalidRoom },
        { "another visitor's id", $"{Base}room/ana-01/visitor/{ReliabilityData.Ben}", "login", 400, Contract.InvalidRoom },
        { "a count too large for a double", $"{AnaPath}?count=1e309&offset=1e309", "login", 200, null },
        { "a 30-digit offset", $"{AnaPath}?offset=123456789012345678901234567890", "login", 200, null },
        { "a repeated count", $"{AnaPath}?count=1&count=2", "login", 400, Contract.NotANumber },
        { "an unknown parameter", $"{AnaPath}?count=1&%24where=1", "login", 400, Contract.UnknownParameter },
        { "a negative offset", $"{AnaPath}?offset=-123456789012345678901234567890", "login", 400, Contract.Negative },
        { "a sort that is not JSON", $"{AnaPath}?sort=ts%20DESC", "login", 400, """{"success":false,"error":"Invalid sort parameter provided: \"ts DESC\" [error-invalid-sort]","errorType":"error-invalid-sort","details":{"helperMethod":"parseJsonQuery"}}""" },
        { "a deeply nested sort", $"{AnaPath}?sort={Uri.EscapeDataString(Nested(200))}", "login", 400, $$$"""{"success":false,"error":"Invalid sort parameter provided: \"{{{Nested(200).Replace("\"", "\\\"", StringComparison.Ordinal)}}}\" [error-invalid-sort]","errorType":"error-invalid-sort","details":{"helperMethod":"parseJsonQuery"}}""" },
        { "a sort longer than a request line", $"{AnaPath}?sort={Uri.EscapeDataString("{\"ts\":1,\"pad\":\"" + new string('x', 20000) + "\"}")}", "login", 414, null },
        { "raw UTF-8 in the query", $"{AnaPath}?searchText=\u00f1", "login", 400, null },
        { "an encoded lone surrogate in the sort", $"{AnaPath}?sort=%ED%A0%80", "login", 400, """{"success":false,"error":"Invalid sort parameter provided: \"%ED%A0%80\" [error-invalid-sort]","errorType":"error-invalid-sort","details":{"helperMethod":"parseJsonQuery"}}""" },
        { "no login headers", AnaPath, "none", 401, Contract.NotLoggedIn },
        { "empty login headers", AnaPath, "empty", 401, Contract.NotLoggedIn },
        { "the token sent twice", AnaPath, "duplicated token", 401, Contract.NotLoggedIn },
        { "the token's digest as the token", AnaPath, "digest", 401, Contract.NotLoggedIn },
        { "a 20 KB user id", AnaPath, "20 KB user", 401, Contract.NotLoggedIn },
        { "a non-ASCII user id", AnaPath, "non-ASCII user", 401, Contract.NotLoggedIn },
        { "a control character in the user id", AnaPath, "control user", 401, Contract.NotLoggedIn },
        { "a 64 KB token", AnaPath, "64 KB token", 431, null },
        { "the user id padded with spaces, which HTTP strips", AnaPath, "padded user", 200, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_requests_over_http_get_the_documented_answer_and_never_a_500(string label, string target, string headers, int status, string? body)
    {
        var answer = await RawHttp.GetAsync(fixture.Host.BaseAddress, target, Headers(headers));

        Assert.True(answer.Status == status, $"{label}: {answer}");
        Contract.RevealsNothing(answer);
        if (status == 200 || body is not null)
        {
            Contract.IsContractAnswer(answer);
            Assert.Equal(body ?? answer.Body, answer.Body);
        }
        else
        {
            Assert.Equal(string.Empty, answer.Body);
        }
    }

    [Theory]
    [InlineData("' OR 1=1 --")]
    [InlineData(".*")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\"double\"")]
    [InlineData("{\"$ne\": null}")]
    [InlineData("😀")]
    public async Task Search_text_over_http_is_matched_literally(string searchText)
    {
        var answer = await RawHttp.GetAsync(fixture.Host.BaseAddress,
            $"{AnaPath}?closedChatsOnly=false&servedChatsOnly=false&count=0&searchText={Uri.EscapeDataString(searchText)}", Headers("login"));

        Contract.IsContractAnswer(answer);
        var expected = ReliabilityData.ChatsOf(ReliabilityData.Ana)
            .Where(chat => chat.Messages.Any(m => m.Contains(searchText, StringComparison.Ordinal)))
            .Select(chat => chat.Id);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, answer.HistoryIds);
    }

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"ts\":", depth)) + "1" + new string('}', depth);

    private static IEnumerable<KeyValuePair<string, string>> Headers(string kind) => kind switch
    {
        "login" => CallerRequest.LoginHeaders(Manager.UserId, Manager.Token),
        "none" => [],
        "empty" => CallerRequest.LoginHeaders(string.Empty, string.Empty),
        "duplicated token" => [.. CallerRequest.LoginHeaders(Manager.UserId, Manager.Token), KeyValuePair.Create("X-Auth-Token", Manager.Token)],
        "digest" => CallerRequest.LoginHeaders(Manager.UserId, LivechatFunctions.Authentication.TokenDigest.Compute(Manager.Token)),
        "20 KB user" => CallerRequest.LoginHeaders(new string('u', 20_000), Manager.Token),
        "non-ASCII user" => CallerRequest.LoginHeaders("r\u00e9l-manager", Manager.Token),
        "control user" => CallerRequest.LoginHeaders("rel-\u0001manager", Manager.Token),
        "64 KB token" => CallerRequest.LoginHeaders(Manager.UserId, new string('t', 65_536)),
        "padded user" => CallerRequest.LoginHeaders("  " + Manager.UserId + "  ", Manager.Token),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
