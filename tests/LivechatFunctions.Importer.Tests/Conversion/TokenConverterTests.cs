using System.Text.Json;
using LivechatFunctions.Authentication;
using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Tests.TestData;

namespace LivechatFunctions.Importer.Tests.Conversion;

public class TokenConverterTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Hashed = SampleExport.HashedToken("raw-login-token");

    private static string User(string tokens, string active = "true") =>
        SampleExport.Fill(
            """{"_id":"u1","username":"ana","active":<ACTIVE>,"roles":["user","livechat-agent"],"services":{"resume":{"loginTokens":[<TOKENS>]}}}""",
            ("<ACTIVE>", active), ("<TOKENS>", tokens));

    private static string LoginToken(string when, string? hashed = null) =>
        $$"""{"when":{"$date":"{{when}}"},"hashedToken":"{{hashed ?? Hashed}}"}""";

    private static UserConversion Convert(string user, IReadOnlyDictionary<string, IReadOnlyList<string>>? departments = null) =>
        new TokenConverter(new FixedClock(Now), TimeSpan.FromDays(90), departments).Convert(Json.Parse(user), "users.jsonl:3");

    private static JsonElement OnlyDocument(string user, IReadOnlyDictionary<string, IReadOnlyList<string>>? departments = null) =>
        Json.Parse(Assert.Single(Convert(user, departments).Documents).Json);

    [Fact]
    public void Token_id_is_the_hashed_token_in_base64url() =>
        Assert.Equal(TokenDigest.Compute("raw-login-token"), Json.StringAt(OnlyDocument(User(LoginToken("2024-05-31T12:00:00Z"))), "id"));

    [Fact]
    public void Token_goes_to_the_users_partition()
    {
        var document = Assert.Single(Convert(User(LoginToken("2024-05-31T12:00:00Z"))).Documents);
        Assert.Equal(("u1", DocumentKind.Token), (document.PartitionKey, document.Kind));
    }

    [Fact]
    public void Token_has_exactly_the_token_document_fields() =>
        Assert.Equal(["id", "userId", "username", "roles", "createdAt", "expiresAt", "ttl"], Json.Names(OnlyDocument(User(LoginToken("2024-05-31T12:00:00Z")))));

    [Fact]
    public void Username_and_roles_are_copied()
    {
        var token = OnlyDocument(User(LoginToken("2024-05-31T12:00:00Z")));
        Assert.Equal("ana", Json.StringAt(token, "username"));
        Assert.Equal("[\"user\",\"livechat-agent\"]", Json.StringAt(token, "roles"));
    }

    [Fact]
    public void Created_at_is_when_the_token_was_issued() =>
        Assert.Equal("2024-05-31T12:00:00.000Z", Json.StringAt(OnlyDocument(User(LoginToken("2024-05-31T12:00:00Z"))), "createdAt"));

    [Fact]
    public void Login_token_expires_login_expiration_days_after_when() =>
        Assert.Equal("2024-08-29T12:00:00.000Z", Json.StringAt(OnlyDocument(User(LoginToken("2024-05-31T12:00:00Z"))), "expiresAt"));

    [Fact]
    public void Ttl_is_the_seconds_left_until_expiry() =>
        Assert.Equal(89 * 86400, OnlyDocument(User(LoginToken("2024-05-31T12:00:00Z"))).GetProperty("ttl").GetInt32());

    [Fact]
    public void Expired_login_token_is_skipped_and_counted()
    {
        var user = Convert(User(LoginToken("2024-01-15T12:00:00Z")));
        Assert.Empty(user.Documents);
        Assert.Equal([SkipReasons.TokenExpired], user.Skips);
    }

    [Fact]
    public void Token_expiring_exactly_now_is_expired() =>
        Assert.Equal([SkipReasons.TokenExpired], Convert(User(LoginToken("2024-03-03T12:00:00.000Z"))).Skips);

    [Fact]
    public void Personal_access_token_has_no_expiry_and_no_ttl()
    {
        var token = OnlyDocument(User("""{"when":{"$date":"2020-01-01T00:00:00Z"},"hashedToken":"HASH","type":"personalAccessToken","name":"ci"}""".Replace("HASH", Hashed, StringComparison.Ordinal)));
        Assert.Equal("2020-01-01T00:00:00.000Z", Json.StringAt(token, "createdAt"));
        Assert.False(token.TryGetProperty("expiresAt", out _));
        Assert.False(token.TryGetProperty("ttl", out _));
    }

    [Fact]
    public void Every_token_of_a_user_becomes_a_document() =>
        Assert.Equal(2, Convert(User(LoginToken("2024-05-31T12:00:00Z") + "," + LoginToken("2024-05-30T12:00:00Z", SampleExport.HashedToken("other")))).Documents.Count);

    [Fact]
    public void Inactive_user_is_skipped() =>
        Assert.Equal(UserConversion.Skipped(SkipReasons.UserInactive).Skips, Convert(User(LoginToken("2024-05-31T12:00:00Z"), active: "false")).Skips);

    [Fact]
    public void User_without_active_field_is_skipped_and_proves_nothing()
    {
        var user = Convert("""{"_id":"u1","services":{"resume":{"loginTokens":[]}}}""");
        Assert.Equal([SkipReasons.UserWithoutActiveField], user.Skips);
        Assert.Null(user.Reconciliation);
    }

    [Fact]
    public void Personal_access_token_keeps_its_created_at()
    {
        var token = OnlyDocument(User(SampleExport.Fill(
            """{"hashedToken":"<HASH>","type":"personalAccessToken","createdAt":{"$date":"2023-02-03T04:05:06.789Z"},"lastTokenPart":"Yz1","name":"ci","bypassTwoFactor":true}""",
            ("<HASH>", Hashed))));
        Assert.Equal("2023-02-03T04:05:06.789Z", Json.StringAt(token, "createdAt"));
    }

    [Fact]
    public void Deactivated_user_keeps_no_token_documents()
    {
        var reconciliation = Convert(User(LoginToken("2024-05-31T12:00:00Z"), active: "false")).Reconciliation!;
        Assert.Equal(("u1", DeletionReasons.TokenOfInactiveUser), (reconciliation.UserId, reconciliation.Reason));
        Assert.Empty(reconciliation.Kept);
    }

    [Fact]
    public void Active_user_keeps_exactly_the_tokens_written_for_it()
    {
        var user = Convert(User(LoginToken("2024-05-31T12:00:00Z") + "," + LoginToken("2024-01-15T12:00:00Z", SampleExport.HashedToken("expired"))));
        Assert.Equal([TokenDigest.Compute("raw-login-token")], user.Reconciliation!.Kept);
        Assert.Equal(DeletionReasons.TokenNoLongerListed, user.Reconciliation.Reason);
    }

    [Fact]
    public void Logged_out_user_keeps_no_token_documents() =>
        Assert.Empty(Convert(User(string.Empty)).Reconciliation!.Kept);

    [Fact]
    public void Active_user_without_any_resume_service_keeps_no_token_documents() =>
        Assert.Empty(Convert("""{"_id":"u1","active":true,"roles":["bot"]}""").Reconciliation!.Kept);

    [Fact]
    public void Login_token_without_when_is_not_proven_gone() =>
        Assert.Equal([TokenDigest.Compute("raw-login-token")], Convert(User($$"""{"hashedToken":"{{Hashed}}"}""")).Reconciliation!.Kept);

    [Fact]
    public void Login_tokens_that_are_not_a_list_prove_nothing() =>
        Assert.Null(Convert("""{"_id":"u1","active":true,"roles":[],"services":{"resume":{"loginTokens":{"hashedToken":"x"}}}}""").Reconciliation);

    [Fact]
    public void Active_user_without_tokens_is_skipped() =>
        Assert.Equal([SkipReasons.UserWithoutTokens], Convert("""{"_id":"u1","active":true,"roles":["bot"]}""").Skips);

    [Fact]
    public void Hashed_token_that_is_not_a_sha256_digest_is_skipped() =>
        Assert.Equal([SkipReasons.TokenWithoutDigest], Convert(User(LoginToken("2024-05-31T12:00:00Z", hashed: "c2hvcnQ="))).Skips);

    [Fact]
    public void Login_token_without_when_is_skipped() =>
        Assert.Equal([SkipReasons.TokenWithoutWhen], Convert(User($$"""{"hashedToken":"{{Hashed}}"}""")).Skips);

    [Fact]
    public void Departments_come_from_the_department_agents_export()
    {
        var departments = new Dictionary<string, IReadOnlyList<string>> { ["u1"] = ["sales", "support"] };
        Assert.Equal("[\"sales\",\"support\"]", Json.StringAt(OnlyDocument(User(LoginToken("2024-05-31T12:00:00Z")), departments), "departments"));
    }

    [Fact]
    public void A_user_serving_no_department_gets_an_empty_list_when_the_export_has_departments() =>
        Assert.Equal("[]", Json.StringAt(OnlyDocument(User(LoginToken("2024-05-31T12:00:00Z")), new Dictionary<string, IReadOnlyList<string>>()), "departments"));

    [Fact]
    public void Without_a_department_agents_export_there_is_no_departments_field() =>
        Assert.False(OnlyDocument(User(LoginToken("2024-05-31T12:00:00Z"))).TryGetProperty("departments", out _));

    [Fact]
    public void Canonical_when_in_milliseconds_is_read() =>
        Assert.Equal("2024-05-31T12:00:00.000Z", Json.StringAt(
            OnlyDocument(User(SampleExport.Fill(
                """{"when":{"$date":{"$numberLong":"<MS>"}},"hashedToken":"<HASH>"}""",
                ("<MS>", new DateTimeOffset(2024, 5, 31, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("<HASH>", Hashed)))),
            "createdAt"));
}
