using System.Text.RegularExpressions;
using CsCheck;

namespace LivechatFunctions.Reliability.Tests.HostileInput;

/// <summary>
/// Inputs a hostile or broken client sends, by kind: a fixed corpus (every entry is tried) and generators that
/// mix the corpus with random text for the property tests. Values are what the function sees after HTTP decoding.
/// </summary>
public static partial class HostileCorpus
{
    /// <summary>Text that means something to SQL, regular expressions, JSON, shells or HTML, and quotes.</summary>
    public static readonly IReadOnlyList<string> Payloads =
    [
        "' OR 1=1 --", "\" OR \"\"=\"", "'; DROP TABLE rooms; --", "1; SELECT * FROM c", "c.visitorId != ''",
        ") OR (1=1", "@visitorId", "{{visitorId}}", "${visitorId}", "\\' OR \\'1\\'=\\'1", "`id`", "UNION SELECT 1",
        ".*", "^", "$", "a+", "[abc]", "(x|y)", "\\d+", "\\", "\\\\", "(?i)hello", "[^a]", "a{1000000}", "((((a))))*",
        "%", "_", "%_%", "'", "\"", "''", "\"\"", "'\"", "<script>alert(1)</script>", "{\"$ne\":null}", "{\"$gt\":\"\"}",
        "__proto__", "constructor", "null", "undefined", "NaN", "true", "[]", "{}", "$(reboot)", "|| true", "&& ls",
    ];

    /// <summary>Path values: empty, dots, encoded separators, control characters, Unicode, very long.</summary>
    public static readonly IReadOnlyList<string> PathValues =
    [
        "", " ", "  ", ".", "..", "../..", "..\\..", "/", "\\", "a/b", "a\\b", "%2F", "..%2F..%2F", "%2E%2E", "%252F",
        "?", "#", "a?b=c", "a#b", "\0", "a\0b", "\r\n", "a\r\nX-Injected: 1", "\t", "\u007f", "\u0001\u0002",
        "ñandú", "😀", "\u200b", "\u202e", "\ufeff", "İı", "Ω", "漢字", "a\u0301", "ﬁ", "\uFFFD",
        new string('r', 255), new string('r', 256), new string('r', 1024), new string('ü', 1500), new string('x', 4000),
        "ana-01 ", " ana-01", "ANA-01", "ana-01\t", "ana‐01", "ana-01\u200b", "ana-01-m1", "ben-01", "v-ana", "rel-agent",
    ];

    /// <summary>
    /// Values that are numbers as Rocket.Chat reads them (JavaScript's <c>Number()</c>), including ones too big to hold,
    /// with the integer its pagination takes from each: <c>parseInt</c> of the number's JavaScript string form, so
    /// <c>1e21</c> ("1e+21") is 1 and <c>1e-7</c> is 1 (each checked with node); infinity where the number is infinite.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double> Numbers = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["0"] = 0,
        ["1"] = 1,
        ["5"] = 5,
        ["50"] = 50,
        ["99"] = 99,
        ["100"] = 100,
        ["101"] = 101,
        ["1000"] = 1000,
        ["-0"] = 0,
        ["0.5"] = 0,
        ["2.9"] = 2,
        ["5.9"] = 5,
        ["1e2"] = 100,
        ["1E2"] = 100,
        ["1e+2"] = 100,
        ["0e0"] = 0,
        ["1e-5"] = 0,
        ["1e-7"] = 1,
        ["9.5e-7"] = 9,
        ["1e21"] = 1,
        ["2.5e22"] = 2,
        ["1e309"] = double.PositiveInfinity,
        ["123456789012345678901234567890"] = 1,
        ["2147483648"] = 2147483648,
        ["9223372036854775808"] = 9223372036854775808d,
        ["99999999999999999999e99"] = 1,
        [" 1"] = 1,
        ["1 "] = 1,
        ["+1"] = 1,
        ["1\u00a0"] = 1,
        ["\ufeff7\n"] = 7,
        [".5"] = 0,
        ["5."] = 5,
        ["007"] = 7,
        ["0x10"] = 16,
        ["0b11"] = 3,
        ["0o777"] = 511,
        ["Infinity"] = double.PositiveInfinity,
        // Nothing but white space is 0 to Number(); an empty value is the parameter left out (EmptyValue).
        [" "] = 0,
        ["\t\n"] = 0,
    };

    /// <summary>An empty value: the same as leaving the parameter out (spec §1).</summary>
    public const string EmptyValue = "";

    /// <summary>Values that are not numbers: JavaScript's <c>Number()</c> cannot read them.</summary>
    public static readonly IReadOnlyList<string> NotNumbers =
    [
        "NaN", "infinity", "1e", "1,000", "1_000", "ten", "--1", "+-1", "1e309x", "١٢", "０", "1\u0085",
        "1.2.3", "e5", "-", "+", ".", "0x", "-0x10", "0x1.8", "0b2", "true", "null", "[1]", "{\"n\":1}", "1 OR 1=1",
    ];

    /// <summary>Negative numbers.</summary>
    public static readonly IReadOnlyList<string> NegativeNumbers = ["-1", "-0.5", "-50", "-1e309", "-123456789012345678901234567890", "-Infinity", " -.5 "];

    /// <summary>Sort values the contract accepts (one allowed field set to 1 or -1).</summary>
    public static readonly IReadOnlyList<string> ValidSorts =
    [
        "{\"ts\":1}", "{\"ts\":-1}", "{\"closedAt\":1}", "{\"fname\":-1}", "{\"msgs\":1}", "{\"_id\":-1}",
        " { \"ts\" : -1 } ", "{\"ts\":1}" + new string(' ', 100_000),
        // One key given twice is one field; the last value counts, as JSON.parse reads it.
        "{\"ts\":1,\"ts\":1}", "{\"ts\":\"x\",\"ts\":-1}",
    ];

    /// <summary>Sort values the contract refuses: not JSON, not an object, another value, another field, two fields, hostile.</summary>
    public static readonly IReadOnlyList<string> InvalidSorts =
    [
        "", "ts", "-ts", "{}", "[]", "null", "1", "\"ts\"", "{\"ts\":0}", "{\"ts\":2}", "{\"ts\":\"1\"}", "{\"ts\":true}",
        "{\"ts\":null}", "{\"TS\":1}", "{\"open\":1}", "{\"source\":1}", "{\"id\":1}", "{\"ts\":1,\"fname\":1}", "{\"ts\":1,\"ts\":2}",
        "{\"ts\":1}x", "{\"ts\":1", "{'ts':1}", "{ts:1}", "{\"$where\":\"1==1\"}", "{\"ts\":{\"$gt\":0}}",
        "{\"\\ud800\":1}", "{\"ts\":1,\"\\ud800\":1}", "{\"ts\":1} OR 1=1", "{\"ts\":1e309}", "{\"ts\":-1.5}", "{\"ts\":[1]}", "{\"ts\":1}\u0000",
        Nested("{\"ts\":", "}", 100) , Nested("[", "]", 100_000), Nested("{\"a\":", "}", 70), "{\"pad\":\"" + new string('x', 200_000) + "\",\"ts\":1}",
        "{\"ts\":1," + string.Join(',', Enumerable.Range(0, 5_000).Select(i => $"\"k{i}\":{i}")) + "}",
    ];

    /// <summary>
    /// Names the contract does not accept, some of them close to ones it does. Not the empty name: a pair without one is
    /// ignored (spec §1), and not <c>name[]</c> of a known name: that is the list form of the parameter.
    /// </summary>
    public static readonly IReadOnlyList<string> UnknownNames =
    [
        "Offset", "COUNT", "Sort", "sort ", " sort", "Count[]", "offset[0]", "count[x]", "fields[]", "searchtext", "search", "fields",
        "query", "q", "__proto__", "\0", "%", "sort\u200b", new string('n', 2000), "closedChatsOnly ", "source.type", "[]",
    ];

    public static readonly IReadOnlyList<string> KnownNames =
        ["offset", "count", "sort", "closedChatsOnly", "servedChatsOnly", "source", "searchText"];

    /// <summary>Any text: the corpus, payloads, or random Unicode (control characters included) of any length up to 4000.</summary>
    public static Gen<string> AnyText { get; } = Gen.Frequency(
        Weighted(3, Gen.OneOf([.. PathValues])),
        Weighted(3, Gen.OneOf([.. Payloads])),
        Weighted(3, Gen.String[0, 40]),
        Weighted(1, Gen.Char['\0', '\u001f'].Array[1, 10].Select(chars => new string(chars))),
        Weighted(1, Gen.String[200, 4000]));

    /// <summary>One choice of <see cref="Gen.Frequency{T}(ValueTuple{int, IGen{T}}[])"/>.</summary>
    public static (int, IGen<T>) Weighted<T>(int weight, Gen<T> gen) => (weight, gen);

    /// <summary>
    /// A room id that can be sent to the local Cosmos DB server. That server (@vercel/cosmosdb-server) crashes when a
    /// document id in a URL holds a percent-escape of a byte above 0x7F that is not valid UTF-8 (its URI decoding
    /// throws); Cosmos DB does not. Such ids are kept out of what reaches the store; nothing else is.
    /// </summary>
    public static bool IsSafeForLocalServer(string roomId) => !HighPercentEscape().IsMatch(roomId);

    private static string Nested(string open, string close, int depth) =>
        string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));

    [GeneratedRegex("%[89A-Fa-f][0-9A-Fa-f]")]
    private static partial Regex HighPercentEscape();
}
