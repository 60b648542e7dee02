using System.Text;
using System.Text.Json;

namespace LivechatFunctions.Reliability.Tests.Harness;

/// <summary>The answers of the contract (spec §2, §3), written out, and the checks every answer must pass.</summary>
public static class Contract
{
    public const string NotLoggedIn = """{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}""";
    public const string Forbidden = """{"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"}""";
    public const string UnknownParameter = """{"success":false,"error":"must NOT have additional properties [invalid-params]","errorType":"invalid-params"}""";
    public const string NotANumber = """{"success":false,"error":"must be number [invalid-params]","errorType":"invalid-params"}""";
    public const string NotAString = """{"success":false,"error":"must be string [invalid-params]","errorType":"invalid-params"}""";
    public const string Negative = """{"success":false,"error":"must be >= 0 [invalid-params]","errorType":"invalid-params"}""";
    public const string InvalidRoom = """{"success":false,"error":"invalid-room"}""";
    public const string NotAllowed = """{"success":false,"error":"error-not-allowed"}""";
    public const string ServiceUnavailable = """{"success":false,"error":"service-unavailable"}""";
    public const string InternalError = """{"success":false,"error":"internal-error"}""";

    /// <summary>Every field a history item may carry (spec §3).</summary>
    public static readonly IReadOnlySet<string> ItemFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "_id", "fname", "ts", "msgs", "v", "servedBy", "closedAt", "closedBy", "closer", "tags", "closingMessage",
    };

    /// <summary>Fields of the stored documents that an answer never carries (spec §3).</summary>
    public static readonly IReadOnlyList<string> StorageFields =
        ["id", "kind", "visitorId", "_rid", "_self", "_etag", "_attachments", "_ts", "open", "source", "t", "departmentId"];

    /// <summary>Fragments that would mean an exception, a stack trace or the store's own words reached the caller.</summary>
    private static readonly string[] Leaks =
    [
        "Exception", "   at ", "StackTrace", "Microsoft.Azure", "LivechatFunctions.", "ActivityId", "activity", "x-ms-",
        "dbs/", "colls/", "docs/", "\"_rid\"", "\"_self\"", "\"_etag\"", "\"_ts\"", "\"_attachments\"", "Request rate is large",
        "Injected by the test", "cosmos", "Cosmos", "status none",
    ];

    /// <summary>The 400 for a bad <c>sort</c>, echoing the raw value as spec §2.3 writes it.</summary>
    public static void IsInvalidSort(Answer answer, string rawValue)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Assert.Equal(400, answer.Status);
        var json = answer.Json;
        Assert.Equal(["success", "error", "errorType", "details"], json.EnumerateObject().Select(p => p.Name));
        Assert.False(json.GetProperty("success").GetBoolean());
        // Text that is not valid UTF-16 cannot be written as JSON as is; the writer puts U+FFFD in its place.
        var echoed = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(rawValue));
        Assert.Equal($"Invalid sort parameter provided: \"{echoed}\" [error-invalid-sort]", json.GetProperty("error").GetString());
        Assert.Equal("error-invalid-sort", json.GetProperty("errorType").GetString());
        Assert.Equal("""{"helperMethod":"parseJsonQuery"}""", json.GetProperty("details").GetRawText());
    }

    /// <summary>The 503 of spec §2.6: the body, and a Retry-After of at least a second.</summary>
    public static void IsServiceUnavailable(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Assert.True(answer.Status == 503, $"expected 503, got {answer}");
        Assert.Equal(ServiceUnavailable, answer.Body);
        Assert.True(int.TryParse(answer.Header("Retry-After"), out var seconds) && seconds >= 1, $"Retry-After: '{answer.Header("Retry-After")}'");
        IsContractAnswer(answer);
    }

    /// <summary>What every answer of the function carries: JSON, never cached (spec §2).</summary>
    public static void IsContractAnswer(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Assert.Equal("application/json", answer.Header("Content-Type"));
        Assert.Equal("no-store", answer.Header("Cache-Control"));
        Assert.Equal("no-cache", answer.Header("Pragma"));
        RevealsNothing(answer);
    }

    /// <summary>No stack trace, exception text, store detail or storage field in the body, and never a 500.</summary>
    public static void RevealsNothing(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Assert.True(answer.Status != 500, $"answered 500: {answer}");
        var ours = OwnText(answer);
        foreach (var leak in Leaks)
        {
            Assert.False(ours.Contains(leak, StringComparison.Ordinal), $"the body holds '{leak}': {answer}");
        }

        if (answer.Status == 200)
        {
            HasOnlyItemFields(answer);
        }
    }

    // The bad-sort answer echoes the caller's own value (spec §2.3); only the text around it is the service's.
    private static string OwnText(Answer answer)
    {
        const string Prefix = "Invalid sort parameter provided: \"";
        const string Suffix = "\" [error-invalid-sort]";
        if (answer.Status == 400 && answer.Body.Contains("\"errorType\":\"error-invalid-sort\"", StringComparison.Ordinal))
        {
            var error = answer.Json.GetProperty("error").GetString()!;
            Assert.StartsWith(Prefix, error, StringComparison.Ordinal);
            Assert.EndsWith(Suffix, error, StringComparison.Ordinal);
            return Prefix + Suffix;
        }

        return answer.Body;
    }

    /// <summary>A 200's items carry only the fields of spec §3, and its top-level keys come in the spec's order.</summary>
    public static void HasOnlyItemFields(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var json = answer.Json;
        Assert.Equal(["history", "count", "offset", "total", "success"], json.EnumerateObject().Select(p => p.Name));
        var items = json.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(items.Count, json.GetProperty("count").GetInt32());
        Assert.True(json.GetProperty("total").GetInt64() >= items.Count);
        foreach (var item in items)
        {
            var names = item.EnumerateObject().Select(p => p.Name).ToList();
            Assert.All(names, name => Assert.Contains(name, ItemFields));
            Assert.All(StorageFields, field => Assert.DoesNotContain(field, names));
        }
    }

    /// <summary>The <c>error</c> of a failure answer, for messages.</summary>
    public static string? ErrorOf(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        try
        {
            return answer.Json.TryGetProperty("error", out var error) ? error.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
