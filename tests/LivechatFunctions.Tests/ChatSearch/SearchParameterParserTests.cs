using LivechatFunctions.ChatSearch;
using LivechatFunctions.Http;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Tests.ChatSearch;

public class SearchParameterParserTests
{
    private static ParameterParseResult Parse(string query, SearchOptions? options = null) =>
        new SearchParameterParser(Options.Create(options ?? new SearchOptions())).Parse(QueryParameters.Parse(query));

    private static ChatSearchParameters Valid(string query, SearchOptions? options = null)
    {
        var result = Parse(query, options);
        Assert.Null(result.Error);
        return result.Parameters!;
    }

    [Fact]
    public void No_parameters_gives_the_documented_defaults()
    {
        var parameters = Valid("");
        Assert.Equal(0, parameters.Offset);
        Assert.Equal(50, parameters.Count);
        Assert.Equal(ChatSort.Default, parameters.Sort);
        Assert.True(parameters.ClosedOnly);
        Assert.True(parameters.ServedOnly);
        Assert.Null(parameters.Source);
        Assert.Null(parameters.SearchText);
    }

    [Theory]
    [InlineData("foo=1")]
    [InlineData("Offset=1")]
    [InlineData("offset=1&fields={}")]
    [InlineData("query={}")]
    public void Unknown_parameter_is_refused(string query) => Assert.Same(ApiError.UnknownParameter, Parse(query).Error);

    [Fact]
    public void Unknown_parameter_is_reported_before_a_bad_number() =>
        Assert.Same(ApiError.UnknownParameter, Parse("offset=abc&bogus=1").Error);

    [Theory]
    [InlineData("offset=abc")]
    [InlineData("count=abc")]
    [InlineData("count=%2B")]
    [InlineData("count=NaN")]
    [InlineData("count=infinity")]
    [InlineData("offset=1&offset=2")]
    [InlineData("offset[]=1")]
    [InlineData("count%5B%5D=5")]
    [InlineData("count=5&count[]=5")]
    [InlineData("count=&count=")]
    [InlineData("count=--1")]
    [InlineData("count=%2B-1")]
    [InlineData("count=.")]
    [InlineData("count=1e")]
    [InlineData("count=1_000")]
    [InlineData("count=1%202")]
    [InlineData("count=0x")]
    [InlineData("count=0x1g")]
    [InlineData("count=-0x10")]
    [InlineData("count=0x1.8")]
    [InlineData("count=0b102")]
    [InlineData("count=%C2%855")]
    [InlineData("count=%D9%A1")]
    public void Offset_or_count_that_is_not_a_number_is_refused(string query) => Assert.Same(ApiError.NotANumber, Parse(query).Error);

    // Rocket.Chat's validator coerces whatever JavaScript's Number() reads, so its clients may send these.
    [Theory]
    [InlineData("count=%2B5", 5)]
    [InlineData("count=+5", 5)]
    [InlineData("count=%205%20", 5)]
    [InlineData("count=%095%0D%0A", 5)]
    [InlineData("count=%C2%A05", 5)]
    [InlineData("count=%EF%BB%BF5", 5)]
    [InlineData("count=%E2%80%A85%E3%80%80", 5)]
    [InlineData("count=5.", 5)]
    [InlineData("count=.5e1", 5)]
    [InlineData("count=007", 7)]
    [InlineData("count=0x10", 16)]
    [InlineData("count=0XfF", 100)]
    [InlineData("count=0o17", 15)]
    [InlineData("count=0B101", 5)]
    [InlineData("count=Infinity", 100)]
    [InlineData("count=%2BInfinity", 100)]
    public void Offset_or_count_written_as_javascript_reads_a_number_is_accepted(string query, int expectedCount) =>
        Assert.Equal(expectedCount, Valid(query).Count);

    // Rocket.Chat's pagination takes parseInt of the number's JavaScript string form (checked with node).
    [Theory]
    [InlineData("count=1e21", 1)]
    [InlineData("count=5.9", 5)]
    [InlineData("count=1e-7", 1)]
    [InlineData("count=5e-324", 5)]
    [InlineData("count=0x10", 16)]
    [InlineData("count=2.5e22", 2)]
    [InlineData("count=99999999999999999999e99", 1)]
    [InlineData("count=9.5e-7", 9)]
    public void Count_is_parse_int_of_the_numbers_javascript_string_form(string query, int expectedCount) =>
        Assert.Equal(expectedCount, Valid(query).Count);

    [Theory]
    [InlineData("count=0.5")]
    [InlineData("count=0.000001e1")]
    public void A_count_below_one_is_zero_so_every_chat(string query) => Assert.Null(Valid(query).Count);

    [Theory]
    [InlineData("offset=1e21", 1)]
    [InlineData("offset=123456789012345678901234567890", 1)]
    [InlineData("offset=7.99", 7)]
    [InlineData("offset=1e-7", 1)]
    [InlineData("offset=1e-6", 0)]
    [InlineData("offset=0.5", 0)]
    [InlineData("offset=-0", 0)]
    [InlineData("offset=9.99e20", int.MaxValue)]
    [InlineData("offset=2147483648", int.MaxValue)]
    public void Offset_is_parse_int_of_the_numbers_javascript_string_form(string query, long expectedOffset) =>
        Assert.Equal(expectedOffset, Valid(query).Offset);

    [Theory]
    [InlineData("count=")]
    [InlineData("count")]
    [InlineData("offset=")]
    [InlineData("offset")]
    [InlineData("offset=&count=")]
    public void An_empty_offset_or_count_is_the_default(string query)
    {
        var parameters = Valid(query);
        Assert.Equal(0, parameters.Offset);
        Assert.Equal(50, parameters.Count);
    }

    [Theory]
    [InlineData("count=%20%09")]
    [InlineData("count=+")]
    public void A_count_of_only_white_space_is_zero_as_javascript_reads_it(string query) => Assert.Null(Valid(query).Count);

    [Fact]
    public void An_offset_of_only_white_space_is_zero() => Assert.Equal(0, Valid("offset=%20&count=5").Offset);

    [Theory]
    [InlineData("=5")]
    [InlineData("=5&count=5")]
    [InlineData("&&count=5&")]
    [InlineData("=")]
    public void A_pair_without_a_name_is_ignored(string query) => Assert.Null(Parse(query).Error);

    [Theory]
    [InlineData("source=a&source=b")]
    [InlineData("source=&source=")]
    [InlineData("searchText=hello&searchText=world")]
    [InlineData("searchText[]=hello")]
    [InlineData("source[]=web")]
    [InlineData("closedChatsOnly=true&closedChatsOnly=true")]
    [InlineData("servedChatsOnly[]=true")]
    [InlineData("closedChatsOnly&closedChatsOnly")]
    [InlineData("sort=%7B%22ts%22%3A1%7D&sort=%7B%22ts%22%3A-1%7D")]
    [InlineData("sort[]=%7B%22ts%22%3A1%7D")]
    public void A_text_parameter_given_twice_or_as_a_list_is_not_a_string(string query) =>
        Assert.Same(ApiError.NotAString, Parse(query).Error);

    [Fact]
    public void A_list_form_of_an_unknown_name_is_an_unknown_parameter() => Assert.Same(ApiError.UnknownParameter, Parse("fields[]=1").Error);

    [Fact]
    public void An_indexed_list_form_is_an_unknown_parameter() => Assert.Same(ApiError.UnknownParameter, Parse("count[0]=1").Error);

    [Fact]
    public void Unknown_parameter_is_reported_before_not_a_string() =>
        Assert.Same(ApiError.UnknownParameter, Parse("source=a&source=b&bogus=1").Error);

    [Fact]
    public void Negative_is_reported_before_not_a_string() =>
        Assert.Same(ApiError.Negative, Parse("source=a&source=b&offset=-1").Error);

    [Theory]
    [InlineData("sort=nope&source=a&source=b")]
    [InlineData("source=a&sort=nope&source=b")]
    public void Not_a_string_is_reported_before_a_bad_sort(string query) => Assert.Same(ApiError.NotAString, Parse(query).Error);

    [Theory]
    [InlineData("sort=nope&bogus=1", "must NOT have additional properties")]
    [InlineData("sort=nope&count=x", "must be number")]
    [InlineData("sort=nope&count=-1", "must be >= 0")]
    [InlineData("sort=nope&count=1&count=2", "must be number")]
    [InlineData("sort=nope&searchText[]=a", "must be string")]
    public void Every_other_parameter_error_wins_over_a_bad_sort(string query, string error) =>
        Assert.Contains($"\"{error} [invalid-params]\"", System.Text.Encoding.UTF8.GetString(Parse(query).Error!.Body.Span), StringComparison.Ordinal);

    [Fact]
    public void Offset_of_infinity_is_capped_like_any_huge_offset() => Assert.Equal(int.MaxValue, Valid("offset=Infinity").Offset);

    [Theory]
    [InlineData("offset=-1")]
    [InlineData("count=-5")]
    [InlineData("count=-1e309")]
    [InlineData("offset=-Infinity")]
    [InlineData("offset=%20-.5")]
    public void Negative_offset_or_count_is_refused(string query) => Assert.Same(ApiError.Negative, Parse(query).Error);

    [Fact]
    public void Not_a_number_is_reported_before_negative() => Assert.Same(ApiError.NotANumber, Parse("offset=-1&count=x").Error);

    [Fact]
    public void Negative_is_reported_before_a_bad_sort() => Assert.Same(ApiError.Negative, Parse("offset=-1&sort=nope").Error);

    [Theory]
    [InlineData("nope")]
    [InlineData("")]
    [InlineData("[1]")]
    [InlineData("\"ts\"")]
    [InlineData("{}")]
    [InlineData("{\"ts\":2}")]
    [InlineData("{\"ts\":0}")]
    [InlineData("{\"ts\":\"1\"}")]
    [InlineData("{\"ts\":true}")]
    [InlineData("{\"open\":1}")]
    [InlineData("{\"TS\":1}")]
    [InlineData("{\"ts\":1,\"fname\":1}")]
    [InlineData("{\"ts\":1,\"fname\":1,\"ts\":1}")]
    [InlineData("{\"ts\":-1,\"ts\":2}")]
    [InlineData("{\"\\ud800\":1}")]
    [InlineData("{\"ts\":1,\"\\ud800\":1}")]
    [InlineData("{\"ts\":1")]
    public void Bad_sort_is_refused_quoting_the_raw_value(string sort)
    {
        var error = Parse("sort=" + Uri.EscapeDataString(sort)).Error;
        Assert.NotNull(error);
        Assert.Equal(ApiError.InvalidSort(sort).Body.ToArray(), error.Body.ToArray());
    }

    [Theory]
    [InlineData("{\"ts\":-1,\"ts\":1}", ChatSortField.Ts, false)]
    [InlineData("{\"msgs\":\"up\",\"msgs\":1}", ChatSortField.Msgs, false)]
    [InlineData("{\"fname\":-1,\"fn\\u0061me\":1}", ChatSortField.Fname, false)]
    [InlineData("{\"fname\":1,\"fname\":-1}", ChatSortField.Fname, true)]
    public void A_sort_key_given_twice_is_one_field_and_its_last_value_counts(string sort, ChatSortField field, bool descending) =>
        Assert.Equal(new ChatSort(field, descending), Valid("sort=" + Uri.EscapeDataString(sort)).Sort);

    [Fact]
    public void A_repeated_count_is_not_a_number_even_when_each_value_is() =>
        Assert.Same(ApiError.NotANumber, Parse("count=1&count=2").Error);

    [Fact]
    public void Deeply_nested_sort_is_refused_not_thrown()
    {
        var sort = new string('[', 5000) + new string(']', 5000);
        Assert.Equal(400, (int)Parse("sort=" + sort).Error!.Status);
    }

    [Theory]
    [InlineData("{\"ts\":1}", ChatSortField.Ts, false)]
    [InlineData("{\"ts\":-1}", ChatSortField.Ts, true)]
    [InlineData("{\"closedAt\":1}", ChatSortField.ClosedAt, false)]
    [InlineData("{\"fname\":-1}", ChatSortField.Fname, true)]
    [InlineData("{\"msgs\":1.0}", ChatSortField.Msgs, false)]
    [InlineData("{ \"_id\" : -1 }", ChatSortField.Id, true)]
    public void Sort_takes_one_allowed_field_and_a_direction(string sort, ChatSortField field, bool descending) =>
        Assert.Equal(new ChatSort(field, descending), Valid("sort=" + Uri.EscapeDataString(sort)).Sort);

    [Theory]
    [InlineData("closedChatsOnly=true", true)]
    [InlineData("closedChatsOnly=false", false)]
    [InlineData("closedChatsOnly=TRUE", false)]
    [InlineData("closedChatsOnly=1", false)]
    [InlineData("closedChatsOnly=", false)]
    [InlineData("closedChatsOnly", false)]
    [InlineData("", true)]
    public void Closed_filter_is_on_for_exactly_true_or_when_absent(string query, bool expected) =>
        Assert.Equal(expected, Valid(query).ClosedOnly);

    [Theory]
    [InlineData("servedChatsOnly=true", true)]
    [InlineData("servedChatsOnly=false", false)]
    [InlineData("servedChatsOnly=yes", false)]
    [InlineData("servedChatsOnly=TRUE", false)]
    [InlineData("servedChatsOnly=", false)]
    [InlineData("servedChatsOnly", false)]
    [InlineData("", true)]
    public void Served_filter_is_on_for_exactly_true_or_when_absent(string query, bool expected) =>
        Assert.Equal(expected, Valid(query).ServedOnly);

    [Theory]
    [InlineData("count=10", 10)]
    [InlineData("count=100", 100)]
    [InlineData("count=101", 100)]
    [InlineData("count=1e309", 100)]
    [InlineData("count=7.9", 7)]
    [InlineData("count=1e1", 10)]
    public void Count_is_clamped_to_the_upper_limit(string query, int expected) => Assert.Equal(expected, Valid(query).Count);

    [Fact]
    public void Count_zero_means_all_while_infinite_count_is_allowed() => Assert.Null(Valid("count=0").Count);

    [Fact]
    public void Count_zero_means_the_default_when_infinite_count_is_not_allowed() =>
        Assert.Equal(20, Valid("count=0", new SearchOptions { DefaultCount = 20, AllowInfiniteCount = false }).Count);

    [Theory]
    [InlineData("")]
    [InlineData("count=0")]
    public void A_default_count_above_the_upper_limit_is_clamped_to_it(string query) =>
        Assert.Equal(8, Valid(query, new SearchOptions { DefaultCount = 50, MaxCount = 8, AllowInfiniteCount = false }).Count);

    [Fact]
    public void Count_settings_come_from_configuration()
    {
        var options = new SearchOptions { DefaultCount = 5, MaxCount = 8 };
        Assert.Equal(5, Valid("", options).Count);
        Assert.Equal(8, Valid("count=50", options).Count);
    }

    [Fact]
    public void Offset_is_read_and_a_huge_one_is_capped()
    {
        Assert.Equal(30, Valid("offset=30").Offset);
        Assert.Equal(int.MaxValue, Valid("offset=12345678901234567890").Offset);
        Assert.Equal(int.MaxValue, Valid("offset=1e309").Offset);
    }

    [Fact]
    public void Source_is_matched_case_insensitively_so_it_is_lowered()
    {
        Assert.Equal("widget", Valid("source=WidGet").Source);
        Assert.Null(Valid("source=").Source);
    }

    [Fact]
    public void Search_text_keeps_its_case_and_empty_means_no_filter()
    {
        Assert.Equal("Hello World", Valid("searchText=Hello%20World").SearchText);
        Assert.Null(Valid("searchText=").SearchText);
    }
}
