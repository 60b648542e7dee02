namespace LivechatFunctions.Http;

/// <summary>
/// The query string as the caller wrote it: names compared case-sensitively and repeats kept, which
/// ASP.NET Core's <c>IQueryCollection</c> (case-insensitive, merged) cannot tell apart.
/// </summary>
public sealed class QueryParameters
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    private QueryParameters()
    {
    }

    public static QueryParameters Empty { get; } = new();

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    /// <summary>Parses a raw query string, with or without its leading '?'.</summary>
    public static QueryParameters Parse(string? rawQuery)
    {
        var parameters = new QueryParameters();
        var query = rawQuery.AsSpan();
        if (query.StartsWith("?"))
        {
            query = query[1..];
        }

        while (!query.IsEmpty)
        {
            var end = query.IndexOf('&');
            var pair = end < 0 ? query : query[..end];
            query = end < 0 ? [] : query[(end + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            if (name.Length == 0)
            {
                // A pair without a name ("?=5") names no parameter; Rocket.Chat's query parser drops it too.
                continue;
            }

            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            parameters._pairs.Add(new(name, value));
        }

        return parameters;
    }

    /// <summary>Every value given for <paramref name="name"/>, in order.</summary>
    public IEnumerable<string> ValuesOf(string name) =>
        _pairs.Where(p => string.Equals(p.Key, name, StringComparison.Ordinal)).Select(p => p.Value);

    // The two below answer what every request asks of each parameter without an enumerator or a list: a query string
    // holds a handful of pairs, and a walk over them costs less than the objects a LINQ chain would make for it.

    /// <summary>How many times <paramref name="name"/> was given.</summary>
    public int CountOf(string name)
    {
        var count = 0;
        foreach (var pair in _pairs)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The first value given for <paramref name="name"/>, or <c>null</c> when it was not given.</summary>
    public string? FirstOf(string name)
    {
        foreach (var pair in _pairs)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                return pair.Value;
            }
        }

        return null;
    }

    private static string Decode(ReadOnlySpan<char> text)
    {
        // Form encoding writes spaces as '+'; a malformed escape is kept as written rather than rejected.
        var withSpaces = text.ToString().Replace('+', ' ');
        return withSpaces.Contains('%') ? Uri.UnescapeDataString(withSpaces) : withSpaces;
    }
}
