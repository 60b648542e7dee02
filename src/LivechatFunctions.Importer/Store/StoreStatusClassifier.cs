using System.Globalization;
using System.Net;

namespace LivechatFunctions.Importer.Store;

/// <summary>What a status code from a write means for the import, and how to say it.</summary>
public static class StoreStatusClassifier
{
    /// <param name="status">The answer's status, or <c>null</c> when none came (connection failure).</param>
    public static StoreStatus Classify(HttpStatusCode? status) => status switch
    {
        null => StoreStatus.Transient,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound => StoreStatus.Fatal,
        HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.Gone or (HttpStatusCode)449 => StoreStatus.Transient,
        >= HttpStatusCode.InternalServerError => StoreStatus.Transient,
        _ => StoreStatus.Rejected,
    };

    public static string Describe(HttpStatusCode? status) =>
        status is { } code ? string.Create(CultureInfo.InvariantCulture, $"{(int)code} {code}") : "no answer";

    /// <summary>A fatal answer, with what to do about it.</summary>
    public static string Explain(HttpStatusCode? status, string detail) => status switch
    {
        HttpStatusCode.Unauthorized =>
            $"the store refused the credentials ({Describe(status)}): check --key, or sign in again (az login). {detail}",
        HttpStatusCode.Forbidden =>
            $"the identity may not write ({Describe(status)}): it needs the Cosmos DB Built-in Data Contributor role on the account " +
            $"(infra/main.bicep grants it to its principalId parameter). {detail}",
        HttpStatusCode.NotFound =>
            $"the database or container does not exist ({Describe(status)}): deploy infra/main.bicep, or use --create-containers " +
            $"with the local server or the emulator. {detail}",
        _ => $"the store failed ({Describe(status)}): {detail}",
    };
}
