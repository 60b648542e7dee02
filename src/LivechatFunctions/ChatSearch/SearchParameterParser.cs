using System.Text.Json;
using LivechatFunctions.Http;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.ChatSearch;

/// <summary>
/// Validates the query string against spec §1 and answers the first failure of spec §2.3, in its order: unknown
/// parameter, not a number, negative, not a string, then bad sort, which Rocket.Chat parses only after validation.
/// </summary>
/// <remarks>
/// The query is read as Rocket.Chat's query parser and validator read it: a name given more than once, or as
/// <c>name[]</c>, is a list, which no parameter may be; an empty value is the parameter left out.
/// </remarks>
public sealed class SearchParameterParser(IOptions<SearchOptions> options)
{
    private const string ListSuffix = "[]";

    private static readonly string[] KnownNames =
        ["offset", "count", "sort", "closedChatsOnly", "servedChatsOnly", "source", "searchText"];

    private static readonly string[] TextNames = ["sort", "closedChatsOnly", "servedChatsOnly", "source", "searchText"];

    private readonly SearchOptions _options = options.Value;

    /// <summary>How a parameter was given.</summary>
    private enum Given
    {
        Absent,
        Once,
        List,
    }

    public ParameterParseResult Parse(QueryParameters query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!AllKnown(query))
        {
            return ApiError.UnknownParameter;
        }

        if (!TryReadNumber(query, "offset", out var offset) || !TryReadNumber(query, "count", out var count))
        {
            return ApiError.NotANumber;
        }

        if (offset < 0 || count < 0)
        {
            return ApiError.Negative;
        }

        foreach (var name in TextNames)
        {
            if (Find(query, name, out _) == Given.List)
            {
                return ApiError.NotAString;
            }
        }

        var sort = ChatSort.Default;
        if (Find(query, "sort", out var rawSort) == Given.Once && !TryParseSort(rawSort!, out sort))
        {
            return ApiError.InvalidSort(rawSort!);
        }

        return new ChatSearchParameters(
            Offset: OffsetOf(offset),
            Count: PageSize(count),
            Sort: sort,
            ClosedOnly: FlagIsOn(query, "closedChatsOnly"),
            ServedOnly: FlagIsOn(query, "servedChatsOnly"),
            Source: NonEmpty(query, "source")?.ToLowerInvariant(),
            SearchText: NonEmpty(query, "searchText"));
    }

    // As Rocket.Chat's getPaginationItems: parseInt of the number, clamped to the upper limit; 0 is "all" only while
    // that is allowed. Two differences, on purpose: an infinite count is the upper limit (Rocket.Chat drops the limit,
    // spec §1), and Rocket.Chat falls back to an unclamped default for count=0 without infinite count.
    private int? PageSize(double? requested)
    {
        // A default configured above the upper limit is held to it too: the page size is never above the limit.
        var defaultCount = Math.Min(_options.DefaultCount, _options.MaxCount);
        if (requested is not { } value)
        {
            return defaultCount;
        }

        var count = double.IsInfinity(value) ? _options.MaxCount : Math.Min(QueryNumber.JavaScriptInteger(value), _options.MaxCount);
        if (count == 0)
        {
            return _options.AllowInfiniteCount ? null : defaultCount;
        }

        return (int)count;
    }

    // No partition holds more than int.MaxValue chats, so a larger offset (an infinite one too) skips everything all the same.
    private static long OffsetOf(double? offset) => offset switch
    {
        null => 0,
        { } value when double.IsInfinity(value) => int.MaxValue,
        { } value => (long)Math.Min(QueryNumber.JavaScriptInteger(value), int.MaxValue),
    };

    /// <summary>The exact string <c>true</c> turns a filter on, and so does leaving it out (spec §1).</summary>
    private static bool FlagIsOn(QueryParameters query, string name) => Find(query, name, out var value) switch
    {
        Given.Absent => true,
        _ => value == "true",
    };

    private static bool AllKnown(QueryParameters query)
    {
        foreach (var pair in query.Pairs)
        {
            if (!IsKnown(pair.Key))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsKnown(string name)
    {
        foreach (var known in KnownNames)
        {
            if (Names(name, known) != Given.Absent)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="key"/> names <paramref name="name"/>: as itself (once) or as <c>name[]</c> (a list).</summary>
    private static Given Names(string key, string name) =>
        string.Equals(key, name, StringComparison.Ordinal) ? Given.Once
        : key.Length == name.Length + ListSuffix.Length && key.StartsWith(name, StringComparison.Ordinal) && key.EndsWith(ListSuffix, StringComparison.Ordinal) ? Given.List
        : Given.Absent;

    /// <summary>How <paramref name="name"/> was given, and its value when it was given once.</summary>
    // A walk over the pairs rather than a lookup built per request: a query string holds a handful of them.
    private static Given Find(QueryParameters query, string name, out string? value)
    {
        value = null;
        var given = Given.Absent;
        foreach (var pair in query.Pairs)
        {
            var form = Names(pair.Key, name);
            if (form == Given.Absent)
            {
                continue;
            }

            given = given == Given.Absent ? form : Given.List;
            value = pair.Value;
        }

        if (given != Given.Once)
        {
            value = null;
        }

        return given;
    }

    private static string? NonEmpty(QueryParameters query, string name) =>
        Find(query, name, out var value) == Given.Once && !string.IsNullOrEmpty(value) ? value : null;

    // A number as Rocket.Chat reads one (QueryNumber); an empty value is no number at all, so the default applies. Too
    // large a value (1e309, Infinity) is clamped later, as Rocket.Chat's validator accepts it. A list is not a number.
    private static bool TryReadNumber(QueryParameters query, string name, out double? number)
    {
        number = null;
        switch (Find(query, name, out var text))
        {
            case Given.Absent:
                return true;
            case Given.List:
                return false;
        }

        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!QueryNumber.TryParse(text, out var value))
        {
            return false;
        }

        number = value;
        return true;
    }

    /// <summary>One field of the allow-list set to the number 1 or -1; anything else is refused.</summary>
    private static bool TryParseSort(string raw, out ChatSort sort)
    {
        sort = ChatSort.Default;
        try
        {
            using var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            // A key given twice is still one field, and the last value is the one that counts, as Rocket.Chat's
            // JSON.parse reads it: {"ts":1,"ts":-1} sorts by ts descending.
            JsonProperty? last = null;
            foreach (var candidate in document.RootElement.EnumerateObject())
            {
                if (last is { } earlier && !candidate.NameEquals(earlier.Name))
                {
                    return false;
                }

                last = candidate;
            }

            if (last is not { } property
                || !ChatSort.TryParseField(property.Name, out var field)
                || property.Value.ValueKind != JsonValueKind.Number
                || !property.Value.TryGetDouble(out var direction)
                || (direction != 1 && direction != -1))
            {
                return false;
            }

            sort = new ChatSort(field, Descending: direction < 0);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // ArgumentException: text that is not valid UTF-16 (a lone surrogate) cannot be JSON either.
            // InvalidOperationException: a key escaping a lone surrogate (\ud800) parses, but cannot be read as a name.
            return false;
        }
    }
}
