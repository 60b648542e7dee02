using CsCheck;
using LivechatFunctions.Reliability.Tests.Harness;

namespace LivechatFunctions.Reliability.Tests.HostileInput;

/// <summary>One query parameter as the caller meant it (before percent-encoding).</summary>
/// <param name="Name">The name.</param>
/// <param name="Value">The value.</param>
public sealed record QueryPair(string Name, string Value)
{
    public string Encoded => Uri.EscapeDataString(Name) + "=" + Uri.EscapeDataString(Value);

    public override string ToString() => Encoded.Length > 120 ? Encoded[..120] + $"…({Encoded.Length} chars)" : Encoded;
}

/// <summary>
/// Query strings built from the corpus, and what spec §2.3 says about each: the first failing check in the spec's
/// order (unknown parameter, not a number, negative, bad sort) or a page with the offset and size applied.
/// </summary>
public static class QueryModel
{
    /// <summary>
    /// Any text that survives percent-encoding unchanged: text that is not valid UTF-16 (a lone surrogate) has no
    /// UTF-8 form, so no HTTP request can carry it; it becomes U+FFFD here as it would on the way.
    /// </summary>
    // Declared before Queries: static initialisers run in order, and Queries uses it.
    public static Gen<string> SendableText { get; } = HostileCorpus.AnyText.Select(Sendable);

    /// <summary>Up to six parameters, mostly known names with hostile values, sometimes repeated, sometimes unknown.</summary>
    public static Gen<QueryPair[]> Queries { get; } = Pair().Array[0, 6];

    /// <summary>The whole query string as sent.</summary>
    public static string Encode(IEnumerable<QueryPair> pairs) => string.Join('&', pairs.Select(p => p.Encoded));

    /// <summary>The answer the contract gives, as (status, exact body or null for a page).</summary>
    public static (int Status, string? Body, string? InvalidSortRaw) Expect(IReadOnlyList<QueryPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Any(p => !HostileCorpus.KnownNames.Contains(p.Name)))
        {
            return (400, Contract.UnknownParameter, null);
        }

        var offsets = ValuesOf(pairs, "offset");
        var counts = ValuesOf(pairs, "count");
        if (!IsOneNumberOrNone(offsets) || !IsOneNumberOrNone(counts))
        {
            return (400, Contract.NotANumber, null);
        }

        if (offsets.Concat(counts).Any(HostileCorpus.NegativeNumbers.Contains))
        {
            return (400, Contract.Negative, null);
        }

        var sorts = ValuesOf(pairs, "sort");
        if (sorts.Count > 1 || (sorts.Count == 1 && !HostileCorpus.ValidSorts.Contains(sorts[0])))
        {
            return (400, null, string.Join(',', sorts));
        }

        return (200, null, null);
    }

    /// <summary>The offset a page must report: truncated, and never above 2^31 - 1 (docs/request-handling.md, where the contract is silent).</summary>
    public static long ExpectedOffset(IReadOnlyList<QueryPair> pairs)
    {
        var offset = ValuesOf(pairs, "offset").SingleOrDefault();
        return offset is null ? 0 : (long)Math.Min(Math.Truncate(HostileCorpus.Numbers[offset]), int.MaxValue);
    }

    /// <summary>The most items a page may hold, or null when <c>count</c> asks for all (spec §1).</summary>
    public static int? PageSize(IReadOnlyList<QueryPair> pairs)
    {
        var count = ValuesOf(pairs, "count").SingleOrDefault();
        if (count is null)
        {
            return 50;
        }

        var size = Math.Min(Math.Truncate(HostileCorpus.Numbers[count]), 100);
        return size == 0 ? null : (int)size;
    }

    private static List<string> ValuesOf(IReadOnlyList<QueryPair> pairs, string name) =>
        [.. pairs.Where(p => p.Name == name).Select(p => p.Value)];

    private static bool IsOneNumberOrNone(List<string> values) =>
        values.Count == 0 || (values.Count == 1 && (HostileCorpus.Numbers.ContainsKey(values[0]) || HostileCorpus.NegativeNumbers.Contains(values[0])));

    private static Gen<QueryPair> Pair()
    {
        var number = Gen.Frequency(
            HostileCorpus.Weighted(4, Gen.OneOf([.. HostileCorpus.Numbers.Keys])),
            HostileCorpus.Weighted(2, Gen.OneOf([.. HostileCorpus.NotNumbers])),
            HostileCorpus.Weighted(1, Gen.OneOf([.. HostileCorpus.NegativeNumbers])));
        var sort = Gen.Frequency(
            HostileCorpus.Weighted(1, Gen.OneOf([.. HostileCorpus.ValidSorts])),
            HostileCorpus.Weighted(1, Gen.OneOf([.. HostileCorpus.InvalidSorts])));
        var flag = Gen.Frequency(
            HostileCorpus.Weighted(3, Gen.OneOf("true", "false", "TRUE", "1", "", "yes")),
            HostileCorpus.Weighted(1, SendableText));
        var name = Gen.Frequency(
            HostileCorpus.Weighted(8, Gen.OneOf([.. HostileCorpus.KnownNames])),
            HostileCorpus.Weighted(1, Gen.OneOf([.. HostileCorpus.UnknownNames])));
        return name.SelectMany(n => (n switch
        {
            "offset" or "count" => number,
            "sort" => sort,
            "closedChatsOnly" or "servedChatsOnly" => flag,
            _ => SendableText,
        }).Select(value => new QueryPair(n, value)));
    }

    public static string Sendable(string text) => System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text));
}
