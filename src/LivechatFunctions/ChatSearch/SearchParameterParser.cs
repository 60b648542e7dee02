using System.Text.Json;
using LivechatFunctions.Http;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.ChatSearch;

/// <summary>
/// Validates the query string against spec §1 and answers the first failure of spec §2.3, in its order:
/// unknown parameter, not a number, negative, bad sort.
/// </summary>
public sealed class SearchParameterParser(IOptions<SearchOptions> options)
{
    private static readonly HashSet<string> KnownNames = new(StringComparer.Ordinal)
    {
        "offset", "count", "sort", "closedChatsOnly", "servedChatsOnly", "source", "searchText",
    };

    private readonly SearchOptions _options = options.Value;

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

        var sort = ChatSort.Default;
        var sorts = query.CountOf("sort");
        if (sorts > 0)
        {
            var raw = string.Join(',', query.ValuesOf("sort"));
            if (sorts > 1 || !TryParseSort(raw, out sort))
            {
                return ApiError.InvalidSort(raw);
            }
        }

        return new ChatSearchParameters(
            Offset: ClampOffset(offset ?? 0),
            Count: PageSize(count),
            Sort: sort,
            ClosedOnly: FlagIsOn(query, "closedChatsOnly"),
            ServedOnly: FlagIsOn(query, "servedChatsOnly"),
            Source: NonEmpty(query.FirstOf("source"))?.ToLowerInvariant(),
            SearchText: NonEmpty(query.FirstOf("searchText")));
    }

    // As Rocket.Chat's getPaginationItems: clamp to the upper limit; 0 is "all" only while that is allowed. One
    // difference, on purpose: Rocket.Chat falls back to an unclamped default for count=0 without infinite count.
    private int? PageSize(double? requested)
    {
        // A default configured above the upper limit is held to it too: the page size is never above the limit.
        var defaultCount = Math.Min(_options.DefaultCount, _options.MaxCount);
        if (requested is null)
        {
            return defaultCount;
        }

        var count = Math.Min(Math.Truncate(requested.Value), _options.MaxCount);
        if (count == 0)
        {
            return _options.AllowInfiniteCount ? null : defaultCount;
        }

        return (int)count;
    }

    // No partition holds more than int.MaxValue chats, so a larger offset skips everything all the same.
    private static long ClampOffset(double offset) => (long)Math.Min(Math.Truncate(offset), int.MaxValue);

    /// <summary>The exact string <c>true</c> turns a filter on, and so does leaving it out (spec §1).</summary>
    private static bool FlagIsOn(QueryParameters query, string name)
    {
        var given = query.CountOf(name);
        return given == 0 || (given == 1 && query.FirstOf(name) == "true");
    }

    private static bool AllKnown(QueryParameters query)
    {
        foreach (var pair in query.Pairs)
        {
            if (!KnownNames.Contains(pair.Key))
            {
                return false;
            }
        }

        return true;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // A number as Rocket.Chat reads one (QueryNumber). Too large a value (1e309, Infinity) is clamped later, as
    // Rocket.Chat's validator accepts it. A repeated parameter arrives as a list, which is not a number either.
    private static bool TryReadNumber(QueryParameters query, string name, out double? number)
    {
        number = null;
        var given = query.CountOf(name);
        if (given == 0)
        {
            return true;
        }

        if (given > 1 || !QueryNumber.TryParse(query.FirstOf(name)!, out var value))
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
