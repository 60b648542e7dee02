using System.Security.Cryptography;
using System.Text;
using CsCheck;
using LivechatFunctions.Authentication;
using LivechatFunctions.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace LivechatFunctions.Reliability.Tests.HostileInput;

/// <summary>
/// Property tests over hostile input, driven in-process through the function class against the local store (the
/// route has already decoded the path, as it does in the worker). Every case must end in the 4xx the contract
/// documents, with its exact body, or in a correct 200: never a 500, a stack trace or a store detail.
/// CsCheck prints the seed of any failure; set CsCheck_Seed to replay it.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class HostileInputPropertyTests(ReliabilityFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly ChatFixture Room = ReliabilityData.AnaRoom;
    private InProcessApp _app = null!;

    public Task InitializeAsync()
    {
        _app = InProcessApp.Create(fixture.Store);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        // A hostile input must not have taken the store down either: the next ordinary request is answered.
        Assert.Equal(200, (await _app.GetAsync(ReliabilityData.Manager, Room.Id, Room.VisitorId)).Status);
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Hostile_path_values_answer_invalid_room_unless_they_name_a_real_room_of_that_visitor()
    {
        var realRoom = Gen.OneOf([.. ReliabilityData.Chats.Select(c => c.Id)]);
        var realVisitor = Gen.OneOf(ReliabilityData.Ana, ReliabilityData.Ben);
        var paths = Gen.Frequency(
            HostileCorpus.Weighted(4, Gen.Select(HostileCorpus.AnyText, HostileCorpus.AnyText)),
            HostileCorpus.Weighted(2, Gen.Select(realRoom, HostileCorpus.AnyText)),
            HostileCorpus.Weighted(2, Gen.Select(HostileCorpus.AnyText, realVisitor)),
            HostileCorpus.Weighted(1, Gen.Select(realRoom, realVisitor)))
            .Where((roomId, _) => HostileCorpus.IsSafeForLocalServer(roomId));

        var seen = new Outcomes();
        await paths.SampleAsync(async (roomId, visitorId) =>
        {
            var answer = seen.Add(await _app.GetAsync(ReliabilityData.Manager, roomId, visitorId));

            Contract.IsContractAnswer(answer);
            if (ReliabilityData.Chats.Any(c => c.Id == roomId && c.VisitorId == visitorId))
            {
                Assert.Equal(200, answer.Status);
                Assert.All(answer.Json.GetProperty("history").EnumerateArray(), item => Assert.Equal(visitorId, item.GetProperty("v").GetProperty("_id").GetString()));
            }
            else
            {
                Assert.Equal(Contract.InvalidRoom, answer.Body);
                Assert.Equal(400, answer.Status);
            }
        }, iter: 200, threads: 2, writeLine: output.WriteLine);

        seen.Report(output, mustInclude: [200, 400]);
    }

    [Fact]
    public async Task Hostile_login_headers_answer_401_unless_they_are_exactly_one_valid_login()
    {
        var login = Gen.OneOf([.. ReliabilityData.Logins]);
        var credentials = Gen.Frequency(
            HostileCorpus.Weighted(3, login.Select(l => (l.UserId, l.Token))),
            HostileCorpus.Weighted(2, Gen.Select(login, UserIds()).Select((l, user) => (user, l.Token))),
            HostileCorpus.Weighted(2, Gen.Select(login, Tokens()).Select((l, token) => (l.UserId, token))),
            HostileCorpus.Weighted(3, Gen.Select(UserIds(), Tokens())));
        var headerSets = credentials.SelectMany(c => Gen.Select(HeaderLines("X-User-Id", c.Item1, UserIds()), HeaderLines("X-Auth-Token", c.Item2, Tokens())))
            .Select((users, tokens) => users.Concat(tokens).ToArray());

        var seen = new Outcomes();
        await headerSets.SampleAsync(async headers =>
        {
            var answer = seen.Add(await _app.SendAsync(new CallerRequest(Room.Id, Room.VisitorId, "count=1", headers)));

            Contract.IsContractAnswer(answer);
            var (status, body) = ExpectedForLogin(headers);
            Assert.Equal(status, answer.Status);
            if (body is not null)
            {
                Assert.Equal(body, answer.Body);
            }
        }, iter: 300, threads: 2, writeLine: output.WriteLine, print: Describe);

        seen.Report(output, mustInclude: [200, 400, 401, 403]);
    }

    [Fact]
    public async Task Hostile_query_strings_answer_the_first_failing_check_of_the_spec_or_a_page()
    {
        var seen = new Outcomes();
        await QueryModel.Queries.SampleAsync(async pairs =>
        {
            var answer = seen.Add(await _app.GetAsync(ReliabilityData.Manager, Room.Id, Room.VisitorId, QueryModel.Encode(pairs)));

            Contract.IsContractAnswer(answer);
            var (status, body, invalidSort) = QueryModel.Expect(pairs);
            if (invalidSort is not null)
            {
                Contract.IsInvalidSort(answer, invalidSort);
                return;
            }

            Assert.Equal(status, answer.Status);
            if (body is not null)
            {
                Assert.Equal(body, answer.Body);
                return;
            }

            var page = answer.Json;
            Assert.Equal(QueryModel.ExpectedOffset(pairs), page.GetProperty("offset").GetInt64());
            Assert.True(QueryModel.PageSize(pairs) is not { } size || page.GetProperty("count").GetInt32() <= size);
            Assert.All(page.GetProperty("history").EnumerateArray(), item => Assert.Equal(ReliabilityData.Ana, item.GetProperty("v").GetProperty("_id").GetString()));
        }, iter: 300, threads: 2, writeLine: output.WriteLine, print: pairs => string.Join(" & ", pairs.Select(p => p.ToString())));

        seen.Report(output, mustInclude: [200, 400], mustIncludeErrors:
        [
            "must NOT have additional properties [invalid-params]", "must be number [invalid-params]", "must be >= 0 [invalid-params]",
            "must be string [invalid-params]", "Invalid sort parameter provided",
        ]);
    }

    [Fact]
    public async Task Raw_query_strings_of_any_bytes_answer_a_spec_400_or_a_page()
    {
        var raw = Gen.Frequency(
            HostileCorpus.Weighted(2, Gen.String[Gen.Char["%&=+#?;/\\'\"{}[]01-.e "], 0, 60]),
            HostileCorpus.Weighted(1, Gen.String[0, 60]),
            HostileCorpus.Weighted(1, Gen.OneOf("count=1e309", "offset=123456789012345678901234567890", "sort=%", "sort=%7B%22ts%22%3A1%7D%ZZ",
                "&&&&", "=", "==", "count==1", "offset=1&offset=1", "searchText=%ED%A0%80", "sort=%u0022", "source=%00&searchText=%0A",
                "sort=\uD800", "sort=%7B\uDC00%7D", "searchText=\uD800&source=\uDFFF")));

        await raw.SampleAsync(async query =>
        {
            var answer = await _app.GetAsync(ReliabilityData.Manager, Room.Id, Room.VisitorId, query);

            Contract.IsContractAnswer(answer);
            Assert.True(answer.Status is 200 or 400, answer.ToString());
            if (answer.Status == 400)
            {
                var error = Contract.ErrorOf(answer)!;
                Assert.True(ParameterErrors.Contains(error) || error.StartsWith("Invalid sort parameter provided: \"", StringComparison.Ordinal), error);
            }
        }, iter: 200, threads: 2, writeLine: output.WriteLine);
    }

    [Fact]
    public async Task Search_text_is_matched_as_a_literal_case_sensitive_substring()
    {
        var texts = Gen.Frequency(
            HostileCorpus.Weighted(3, Gen.OneOf([.. ReliabilityData.HostileTexts]).SelectMany(text =>
                Gen.Int[0, text.Length - 1].SelectMany(start => Gen.Int[1, text.Length - start].Select(length => text.Substring(start, length))))),
            HostileCorpus.Weighted(2, Gen.OneOf([.. HostileCorpus.Payloads])),
            HostileCorpus.Weighted(1, Gen.String[Gen.Char["%_[]^$.*+?(){}|\\'\"-;/ \tHelo"], 1, 8]),
            HostileCorpus.Weighted(1, QueryModel.SendableText))
            .Select(QueryModel.Sendable);

        await texts.SampleAsync(async searchText =>
        {
            var answer = await _app.GetAsync(ReliabilityData.Manager, Room.Id, Room.VisitorId,
                "closedChatsOnly=false&servedChatsOnly=false&count=0&searchText=" + Uri.EscapeDataString(searchText));

            Contract.IsContractAnswer(answer);
            var expected = ReliabilityData.ChatsOf(ReliabilityData.Ana)
                .Where(chat => chat.Messages.Any(message => message.Contains(searchText, StringComparison.Ordinal)))
                .Select(chat => chat.Id);
            Assert.Equal(expected, answer.HistoryIds);
        }, iter: 150, threads: 2, writeLine: output.WriteLine);
    }

    [Fact]
    public async Task Source_is_matched_as_a_literal_case_insensitive_substring_of_type_or_alias()
    {
        var sources = Gen.Frequency(
            HostileCorpus.Weighted(3, Gen.OneOf("widget", "WIDGET", "Wid", "api", "API", "app", "App", "email", "whatsapp", "WhatsApp", "mobile-app", "MOBILE", "-", "p")),
            HostileCorpus.Weighted(2, Gen.OneOf([.. HostileCorpus.Payloads])),
            HostileCorpus.Weighted(1, Gen.String[Gen.Char["%_[]^$.*+?|\\'\"- aeipwAEIPW"], 1, 6]));

        await sources.SampleAsync(async source =>
        {
            var answer = await _app.GetAsync(ReliabilityData.Manager, Room.Id, Room.VisitorId,
                "closedChatsOnly=false&servedChatsOnly=false&count=0&source=" + Uri.EscapeDataString(source));

            Contract.IsContractAnswer(answer);
            var wanted = source.ToLowerInvariant();
            var expected = ReliabilityData.ChatsOf(ReliabilityData.Ana)
                .Where(chat => chat.SourceType.ToLowerInvariant().Contains(wanted, StringComparison.Ordinal)
                    || (chat.SourceAlias?.ToLowerInvariant().Contains(wanted, StringComparison.Ordinal) ?? false))
                .Select(chat => chat.Id);
            Assert.Equal(expected, answer.HistoryIds);
        }, iter: 100, threads: 2, writeLine: output.WriteLine);
    }

    /// <summary>Which answers a property run produced, so a generator that stops reaching a branch is noticed.</summary>
    private sealed class Outcomes
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new();

        public Answer Add(Answer answer)
        {
            var error = answer.Status == 200 ? null : Contract.ErrorOf(answer);
            var key = $"{answer.Status} {(error?.StartsWith("Invalid sort", StringComparison.Ordinal) == true ? "Invalid sort parameter provided" : error)}";
            _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
            return answer;
        }

        public void Report(ITestOutputHelper output, int[] mustInclude, string[]? mustIncludeErrors = null)
        {
            foreach (var (outcome, count) in _counts.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"{count,5} x {outcome}");
            }

            Assert.All(mustInclude, status => Assert.Contains(_counts.Keys, k => k.StartsWith($"{status} ", StringComparison.Ordinal)));
            Assert.All(mustIncludeErrors ?? [], error => Assert.Contains(_counts.Keys, k => k.EndsWith(" " + error, StringComparison.Ordinal)));
        }
    }

    private static readonly string?[] ParameterErrors =
    [
        "must NOT have additional properties [invalid-params]", "must be number [invalid-params]", "must be >= 0 [invalid-params]",
        "must be string [invalid-params]",
    ];

    // The function reads a header only when it was sent exactly once (docs/request-handling.md: "a header sent twice counts as missing").
    private static (int Status, string? Body) ExpectedForLogin(KeyValuePair<string, string>[] headers)
    {
        var users = headers.Where(h => h.Key.Equals("X-User-Id", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        var tokens = headers.Where(h => h.Key.Equals("X-Auth-Token", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        var login = users.Count == 1 && tokens.Count == 1
            ? ReliabilityData.Logins.FirstOrDefault(l => l.UserId == users[0] && l.Token == tokens[0])
            : null;
        return login switch
        {
            null => (401, Contract.NotLoggedIn),
            _ when login == ReliabilityData.Expired => (401, Contract.NotLoggedIn),
            _ when login == ReliabilityData.Roleless => (403, Contract.Forbidden),
            _ when login == ReliabilityData.OtherAgent => (400, Contract.NotAllowed),
            _ => (200, null),
        };
    }

    private static Gen<string> UserIds()
    {
        var real = Gen.OneOf([.. ReliabilityData.Logins.Select(l => l.UserId).Distinct()]);
        return Gen.Frequency(
            HostileCorpus.Weighted(4, real),
            HostileCorpus.Weighted(3, real.SelectMany(id => Gen.OneOf(
                id.ToUpperInvariant(), " " + id, id + " ", id + "\t", "\u200b" + id, id + "\0", id.Replace('-', '‐'), id[..^1], id + id))),
            HostileCorpus.Weighted(2, QueryModel.SendableText),
            HostileCorpus.Weighted(1, Gen.OneOf(new string('u', 65_536), new string('ü', 1_100), new string('u', 20_000), "", "\r\n")));
    }

    private static Gen<string> Tokens()
    {
        var real = Gen.OneOf([.. ReliabilityData.Logins.Select(l => l.Token)]);
        return Gen.Frequency(
            HostileCorpus.Weighted(4, real),
            HostileCorpus.Weighted(3, real.SelectMany(token => Gen.OneOf(
                token.ToUpperInvariant(), token + " ", " " + token, token[..^1], token + "x", TokenDigest.Compute(token), RocketChatHashedToken(token)))),
            HostileCorpus.Weighted(2, QueryModel.SendableText),
            HostileCorpus.Weighted(1, Gen.OneOf(new string('t', 65_536), "", "null", "undefined")));
    }

    /// <summary>The header left out, sent once (under its name or a lower-case one), or twice (a second value added).</summary>
    private static Gen<KeyValuePair<string, string>[]> HeaderLines(string name, string value, Gen<string> others) =>
        Gen.Frequency(
            HostileCorpus.Weighted(1, Gen.Const(Array.Empty<KeyValuePair<string, string>>())),
            HostileCorpus.Weighted(7, Gen.Const(new[] { KeyValuePair.Create(name, value) })),
            HostileCorpus.Weighted(1, Gen.Const(new[] { KeyValuePair.Create(name.ToLowerInvariant(), value) })),
            HostileCorpus.Weighted(1, Gen.OneOf(Gen.Const(value), others).Select(second => new[] { KeyValuePair.Create(name, value), KeyValuePair.Create(name, second) })));

    // Rocket.Chat's hashedToken: the same SHA-256, as standard base64.
    private static string RocketChatHashedToken(string token) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Describe(KeyValuePair<string, string>[] headers) =>
        string.Join(" | ", headers.Select(h => $"{h.Key}: {(h.Value.Length > 60 ? h.Value[..60] + $"…({h.Value.Length})" : h.Value)}"));
}
