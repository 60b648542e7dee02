using LivechatFunctions.Http;

namespace LivechatFunctions.Tests.Http;

public class QueryParametersTests
{
    [Fact]
    public void Names_keep_their_case_and_repeats_are_kept()
    {
        var query = QueryParameters.Parse("?Offset=1&offset=2&offset=3");
        Assert.Equal(["2", "3"], query.ValuesOf("offset"));
        Assert.Equal(["1"], query.ValuesOf("Offset"));
    }

    [Fact]
    public void Percent_escapes_and_plus_signs_are_decoded()
    {
        var query = QueryParameters.Parse("searchText=a+b%20c%26d&sort=%7B%22ts%22%3A1%7D");
        Assert.Equal(["a b c&d"], query.ValuesOf("searchText"));
        Assert.Equal(["{\"ts\":1}"], query.ValuesOf("sort"));
    }

    [Fact]
    public void A_name_without_equals_sign_has_an_empty_value()
    {
        Assert.Equal([string.Empty], QueryParameters.Parse("?source").ValuesOf("source"));
    }

    [Fact]
    public void An_empty_query_has_no_pairs()
    {
        Assert.Empty(QueryParameters.Parse(null).Pairs);
        Assert.Empty(QueryParameters.Parse("?").Pairs);
        Assert.Empty(QueryParameters.Parse("&&").Pairs);
    }

    [Theory]
    [InlineData("=5")]
    [InlineData("?=5&=")]
    [InlineData("?&")]
    public void A_pair_without_a_name_is_dropped(string raw) => Assert.Empty(QueryParameters.Parse(raw).Pairs);

    [Fact]
    public void A_pair_without_a_name_leaves_the_others_alone() =>
        Assert.Equal([KeyValuePair.Create("count", "5")], QueryParameters.Parse("?=1&count=5").Pairs);

    [Fact]
    public void A_malformed_escape_is_kept_as_written()
    {
        Assert.Equal(["100%"], QueryParameters.Parse("searchText=100%").ValuesOf("searchText"));
    }

    [Fact]
    public void CountOf_counts_every_repeat_of_exactly_that_name()
    {
        var query = QueryParameters.Parse("?count=1&Count=2&count=3&offset=0");
        Assert.Equal(2, query.CountOf("count"));
        Assert.Equal(1, query.CountOf("Count"));
        Assert.Equal(0, query.CountOf("sort"));
    }

    [Fact]
    public void FirstOf_is_the_first_value_given_or_null_when_none_was()
    {
        var query = QueryParameters.Parse("?source=web&source=api&searchText=");
        Assert.Equal("web", query.FirstOf("source"));
        Assert.Equal(string.Empty, query.FirstOf("searchText"));
        Assert.Null(query.FirstOf("Source"));
    }
}
