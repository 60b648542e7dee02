using LivechatFunctions.ChatSearch;

namespace LivechatFunctions.Tests.ChatSearch;

public class ChatQueryTests
{
    private static readonly ChatSearchParameters Defaults = new(0, 50, ChatSort.Default, true, true, null, null);

    private static Dictionary<string, object> ParametersOf(Microsoft.Azure.Cosmos.QueryDefinition query) =>
        query.GetQueryParameters().ToDictionary(p => p.Name, p => p.Value);

    [Fact]
    public void Page_names_the_visitor_partition_in_its_where_clause()
    {
        var query = new ChatQuery("v1", Defaults).Page();
        Assert.Contains("WHERE c.visitorId = @visitorId AND c.kind = 'room'", query.QueryText, StringComparison.Ordinal);
        Assert.Equal("v1", ParametersOf(query)["@visitorId"]);
    }

    [Fact]
    public void Page_projects_exactly_the_history_item_fields()
    {
        var text = new ChatQuery("v1", Defaults).Page().QueryText;
        Assert.Contains("c._id, c.fname, c.ts, c.msgs, c.v, c.servedBy, c.closedAt, c.closedBy, c.closer, c.tags, c.closingMessage FROM c", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SELECT *", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_skips_and_takes_in_the_store_after_the_sort()
    {
        var query = new ChatQuery("v1", Defaults with { Offset = 20, Count = 10, Sort = new ChatSort(ChatSortField.Msgs, false) }).Page();
        Assert.EndsWith(" ORDER BY c.msgs ASC, c._id ASC OFFSET @offset LIMIT @limit", query.QueryText, StringComparison.Ordinal);
        Assert.Equal(20, ParametersOf(query)["@offset"]);
        Assert.Equal(10, ParametersOf(query)["@limit"]);
    }

    [Fact]
    public void The_first_page_is_a_top_of_the_page_size_in_sort_order()
    {
        var query = new ChatQuery("v1", Defaults with { Count = 10 }).Page();
        Assert.StartsWith("SELECT TOP @limit ", query.QueryText, StringComparison.Ordinal);
        Assert.EndsWith(" ORDER BY c.ts DESC, c._id DESC", query.QueryText, StringComparison.Ordinal);
        Assert.Equal(10, ParametersOf(query)["@limit"]);
        Assert.False(ParametersOf(query).ContainsKey("@offset"));
    }

    [Fact]
    public void A_later_page_has_no_top() =>
        Assert.StartsWith("SELECT c._id,", new ChatQuery("v1", Defaults with { Offset = 1, Count = 10 }).Page().QueryText, StringComparison.Ordinal);

    [Fact]
    public void A_bounded_page_leaves_no_rows_for_the_app_to_skip() =>
        Assert.Equal(0, new ChatQuery("v1", Defaults with { Offset = 20, Count = 10 }).SkippedByApp);

    [Fact]
    public void An_offset_beyond_what_a_partition_could_hold_is_sent_as_the_largest_32_bit_amount()
    {
        var query = new ChatQuery("v1", Defaults with { Offset = 5_000_000_000, Count = 100 }).Page();
        Assert.Equal(int.MaxValue, ParametersOf(query)["@offset"]);
    }

    [Fact]
    public void Page_of_all_has_no_offset_or_limit_and_the_app_skips_the_offset()
    {
        var chatQuery = new ChatQuery("v1", Defaults with { Offset = 7, Count = null });
        var query = chatQuery.Page();
        Assert.DoesNotContain("OFFSET", query.QueryText, StringComparison.Ordinal);
        Assert.DoesNotContain("LIMIT", query.QueryText, StringComparison.Ordinal);
        Assert.False(ParametersOf(query).ContainsKey("@offset"));
        Assert.Null(chatQuery.Limit);
        Assert.Equal(7, chatQuery.SkippedByApp);
    }

    [Theory]
    [InlineData(true, true, "IS_DEFINED(c.closedAt)", "IS_DEFINED(c.servedBy)")]
    [InlineData(false, false, null, null)]
    public void Closed_and_served_filters_test_for_the_fields(bool closed, bool served, string? closedClause, string? servedClause)
    {
        var text = new ChatQuery("v1", Defaults with { ClosedOnly = closed, ServedOnly = served }).Page().QueryText;
        Assert.Equal(closedClause is not null, text.Contains("IS_DEFINED(c.closedAt)", StringComparison.Ordinal));
        Assert.Equal(servedClause is not null, text.Contains("IS_DEFINED(c.servedBy)", StringComparison.Ordinal));
    }

    [Fact]
    public void Caller_text_travels_only_as_parameters()
    {
        const string hostile = "x') OR 1=1 --\"";
        var query = new ChatQuery(hostile, Defaults with { Source = hostile, SearchText = hostile }, [hostile]);
        foreach (var definition in new[] { query.Page(), query.Count(), ChatQuery.RoomsWithText(hostile, hostile) })
        {
            Assert.DoesNotContain(hostile, definition.QueryText, StringComparison.Ordinal);
            Assert.Contains(ParametersOf(definition).Values, v => Equals(v, hostile));
        }
    }

    [Fact]
    public void Source_filter_matches_type_or_alias_ignoring_case_in_the_form_the_index_serves()
    {
        var query = new ChatQuery("v1", Defaults with { Source = "widget" }).Page();
        Assert.Contains("(CONTAINS(c.source.type, @source, true) OR CONTAINS(c.source.alias, @source, true))", query.QueryText, StringComparison.Ordinal);
        Assert.DoesNotContain("LOWER(", query.QueryText, StringComparison.Ordinal);
        Assert.Equal("widget", ParametersOf(query)["@source"]);
    }

    [Fact]
    public void Matching_rooms_restrict_page_and_count()
    {
        var query = new ChatQuery("v1", Defaults, ["r1", "r2"]);
        Assert.Contains("ARRAY_CONTAINS(@roomIds, c._id)", query.Page().QueryText, StringComparison.Ordinal);
        Assert.Contains("ARRAY_CONTAINS(@roomIds, c._id)", query.Count().QueryText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChatSortField.Ts, true, " ORDER BY c.ts DESC, c._id DESC")]
    [InlineData(ChatSortField.ClosedAt, false, " ORDER BY c.closedAt ASC, c._id ASC")]
    [InlineData(ChatSortField.Fname, true, " ORDER BY c.fname DESC, c._id DESC")]
    [InlineData(ChatSortField.Id, false, " ORDER BY c._id ASC")]
    public void Every_page_breaks_ties_on_id_in_the_sort_direction(ChatSortField field, bool descending, string orderBy) =>
        Assert.EndsWith(orderBy, new ChatQuery("v1", Defaults with { Count = null, Sort = new ChatSort(field, descending) }).Page().QueryText, StringComparison.Ordinal);

    [Fact]
    public void Count_uses_the_same_filter_without_paging_or_order()
    {
        var query = new ChatQuery("v1", Defaults with { Source = "api" });
        var count = query.Count().QueryText;
        Assert.StartsWith("SELECT VALUE COUNT(1) FROM c WHERE c.visitorId = @visitorId", count, StringComparison.Ordinal);
        Assert.DoesNotContain("ORDER BY", count, StringComparison.Ordinal);
        Assert.DoesNotContain("OFFSET", count, StringComparison.Ordinal);
        Assert.Contains("@source", count, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_search_is_case_sensitive_contains_in_the_visitors_partition()
    {
        var query = ChatQuery.RoomsWithText("v1", "Hello");
        Assert.Equal("SELECT VALUE m.rid FROM m WHERE m.visitorId = @visitorId AND m.kind = 'message' AND CONTAINS(m.msg, @searchText)", query.QueryText);
    }
}
