using System.Diagnostics.Tracing;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using LivechatFunctions.Authentication;
using LivechatFunctions.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace LivechatFunctions.Reliability.Tests.Isolation;

/// <summary>
/// Everything logged during a run that reaches every answer of the contract, store faults included: no raw token
/// and no token digest (the store's id for it, base64url, nor Rocket.Chat's base64 form) may appear anywhere.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class LogSecrecyTests(ReliabilityFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task No_log_entry_of_any_category_carries_a_token_or_its_digest()
    {
        var log = new CapturedLog();
        using var sdkEvents = new CosmosEventForwarder(log, EventLevel.Informational);
        await using var app = InProcessApp.Create(fixture.Store, FaultBounds.Settings, log);
        var room = ReliabilityData.AnaRoom;
        var tokens = ReliabilityData.Logins.Select(l => l.Token).ToList();
        var failures = new List<Answer>();

        foreach (var login in ReliabilityData.Logins)
        {
            await app.GetAsync(login, room.Id, room.VisitorId);
            await app.GetAsync(login, room.Id, room.VisitorId, "bogus=1");
            await app.GetAsync(login, room.Id, room.VisitorId, "sort=" + Uri.EscapeDataString(login.Token));
            await app.GetAsync(login, "no-such-room", room.VisitorId);
            await app.GetAsync(login with { Token = TokenDigest.Compute(login.Token) }, room.Id, room.VisitorId);
            await app.GetAsync(login, room.Id, room.VisitorId, "searchText=Hello&count=1");
            foreach (var fault in new[] { StoreFault.Throttle(50), StoreFault.Respond(HttpStatusCode.RequestTimeout), StoreFault.Refuse, StoreFault.Truncate })
            {
                app.Faults.Inject(fault);
                failures.Add(await app.GetAsync(login, room.Id, room.VisitorId));
                app.Faults.Clear();
            }
        }

        var text = log.AllText;
        output.WriteLine($"{log.Entries.Count} entries in {log.Entries.Select(e => e.Category).Distinct().Count()} categories; Cosmos event sources: {string.Join(", ", sdkEvents.Sources)}");
        Assert.All(failures, f => Assert.True(f.Status is 503 or 500, f.ToString()));
        Assert.All(failures, f => Assert.Contains(f.InvocationId!, text, StringComparison.Ordinal));
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(TokenDigest.Compute(token), text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token))), text, StringComparison.Ordinal);
        }
    }
}
