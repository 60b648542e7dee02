using LivechatFunctions.Storage;

namespace LivechatFunctions.Tests.Storage;

/// <summary>Which room ids the store can be asked for by id, and how id lists are cut to fit a query.</summary>
public sealed class StoreLimitsTests
{
    [Theory]
    [InlineData("a01 ")]
    [InlineData("a01\t")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("%2E%2E")]
    [InlineData("a%3fb")]
    [InlineData("%41")]
    public void An_id_the_request_address_would_change_cannot_be_read(string id) => Assert.False(StoreLimits.CanBeId(id));

    [Theory]
    [InlineData("hhMKhHnnbY79mGs9K")]
    [InlineData(" leading")]
    [InlineData("a.b")]
    [InlineData("{a}")]
    [InlineData("%zz")]
    public void An_id_the_address_keeps_can_be_read(string id) => Assert.True(StoreLimits.CanBeId(id));

    [Fact]
    public void Id_runs_keep_their_order_and_stay_within_the_budget()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => $"room{i:D13}").ToArray();

        var runs = StoreLimits.SplitIds(ids, budget: 2_000);

        Assert.Equal(ids, runs.SelectMany(run => run));
        Assert.All(runs, run => Assert.InRange(System.Text.Json.JsonSerializer.Serialize(run).Length, 1, 2_000));
        Assert.True(runs.Count > 1);
    }
}
