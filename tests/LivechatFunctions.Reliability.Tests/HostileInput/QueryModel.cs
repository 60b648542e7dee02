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
/// Query strings built from the corpus, and what spec §1 and §2.3 say about each: the first failing check in the spec's
/// order (unknown parameter, not a number, negative, not a string, then bad sort) or a page with the offset and size
/// applied. A parameter given twice or as <c>name[]</c> is a list, which no parameter may be; an empty value is the
/// parameter left out; a pair without a name is ignored.
/// </summary>
public static class QueryModel
{
    private const string ListSuffix = "[]";

    private static readonly string[] NumberNames = ["offset", "count"];

    /// <summary>
    /// Any text that survives percent-encoding unchanged: text that is not valid UTF-16 (a lone surrogate) has no
    /// UTF-8 form, so no HTTP request can carry it; it becomes U+FFFD here as it would on the way.
    /// </summary>
    // Declared before Queries: static initialisers run in order, and Queries uses it.
    public static Gen<string> SendableText { get; } = HostileCorpus.AnyText.Select(Sendable);

    /// <summary>Up to six parameters, mostly known names with hostile values, sometimes repeated, listed, nameless or unknown.</summary>
    public static Gen<QueryPair[]> Queries { get; } = Pair().Array[0, 6];

    /// <summary>The whole query string as sent.</summary>
    public static string Encode(IEnumerable<QueryPair> pairs) => string.Join('&', pairs.Select(p => p.Encoded));

    /// <summary>The answer the contract gives, as (status, exact body or null for a page).</summary>
    public static (int Status, string? Body, string? InvalidSortRaw) Expect(IReadOnlyList<QueryPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var named = pairs.Where(p => p.Name.Length > 0).ToList();
        if (named.Any(p => !HostileCorpus.KnownNames.Contains(BaseName(p.Name))))
        {
            return (400, Contract.UnknownParameter, null);
        }

        var numbers = NumberNames.Select(name => Given(named, name)).ToList();
        if (numbers.Any(n => n.IsList || (n.Value is { Length: > 0 } value && !HostileCorpus.Numbers.ContainsKey(value) && !HostileCorpus.NegativeNumbers.Contains(value))))
        {
            return (400, Contract.NotANumber, null);
        }

        if (numbers.Any(n => n.Value is { } value && HostileCorpus.NegativeNumbers.Contains(value)))
        {
            return (400, Contract.Negative, null);
        }

        if (HostileCorpus.KnownNames.Except(NumberNames).Any(name => Given(named, name).IsList))
        {
            return (400, Contract.NotAString, null);
        }

        var sort = Given(named, "sort").Value;
        if (sort is not null && !HostileCorpus.ValidSorts.Contains(sort))
        {
            return (400, null, sort);
        }

        return (200, null, null);
    }

    /// <summary>The offset a page must report: the integer Rocket.Chat's pagination takes, never above 2^31 - 1 (docs/request-handling.md, where the contract is silent).</summary>
    public static long ExpectedOffset(IReadOnlyList<QueryPair> pairs)
    {
        var offset = Given(pairs, "offset").Value;
        return offset is null or "" ? 0 : (long)Math.Min(HostileCorpus.Numbers[offset], int.MaxValue);
    }

    /// <summary>The most items a page may hold, or null when <c>count</c> asks for all (spec §1).</summary>
    public static int? PageSize(IReadOnlyList<QueryPair> pairs)
    {
        var count = Given(pairs, "count").Value;
        if (count is null or "")
        {
            return 50;
        }

        var size = Math.Min(HostileCorpus.Numbers[count], 100);
        return size == 0 ? null : (int)size;
    }

    private static string BaseName(string name) => name.EndsWith(ListSuffix, StringComparison.Ordinal) ? name[..^ListSuffix.Length] : name;

    /// <summary>Whether <paramref name="name"/> came as a list (twice or more, or as <c>name[]</c>), and its value when it came once.</summary>
    private static (bool IsList, string? Value) Given(IReadOnlyList<QueryPair> pairs, string name)
    {
        var forms = pairs.Where(p => p.Name == name || p.Name == name + ListSuffix).ToList();
        var isList = forms.Count > 1 || forms.Any(p => p.Name != name);
        return (isList, forms.Count == 1 && !isList ? forms[0].Value : null);
    }

    private static Gen<QueryPair> Pair()
    {
        var number = Gen.Frequency(
            HostileCorpus.Weighted(4, Gen.OneOf([.. HostileCorpus.Numbers.Keys])),
            HostileCorpus.Weighted(2, Gen.OneOf([.. HostileCorpus.NotNumbers])),
            HostileCorpus.Weighted(1, Gen.OneOf([.. HostileCorpus.NegativeNumbers])),
            HostileCorpus.Weighted(1, Gen.Const(HostileCorpus.EmptyValue)));
        var sort = Gen.Frequency(
            HostileCorpus.Weighted(1, Gen.OneOf([.. HostileCorpus.ValidSorts])),
            HostileCorpus.Weighted(1, Gen.OneOf([.. HostileCorpus.InvalidSorts])));
        var flag = Gen.Frequency(
            HostileCorpus.Weighted(3, Gen.OneOf("true", "false", "TRUE", "1", "", "yes")),
            HostileCorpus.Weighted(1, SendableText));
        var known = Gen.OneOf([.. HostileCorpus.KnownNames]);
        var name = Gen.Frequency(
            HostileCorpus.Weighted(16, known),
            HostileCorpus.Weighted(1, known.Select(n => n + ListSuffix)),
            HostileCorpus.Weighted(1, Gen.Const(string.Empty)),
            HostileCorpus.Weighted(2, Gen.OneOf([.. HostileCorpus.UnknownNames])));
        return name.SelectMany(n => (BaseName(n) switch
        {
            "offset" or "count" => number,
            "sort" => sort,
            "closedChatsOnly" or "servedChatsOnly" => flag,
            _ => SendableText,
        }).Select(value => new QueryPair(n, value)));
    }

    public static string Sendable(string text) => System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text));
}
