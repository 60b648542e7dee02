using Microsoft.Azure.Cosmos;
using Newtonsoft.Json;

namespace LivechatFunctions.Storage;

/// <summary>
/// The rooms container's indexing policy, from the one file (infra/rooms-indexing-policy.json) that infra/main.bicep
/// deploys. The app itself never creates containers; the tools that do (the importer, the local host, test fixtures)
/// create the rooms container from here, so the local store refuses the same queries Cosmos DB would.
/// </summary>
public static class RoomsIndexingPolicy
{
    private const string ResourceName = "LivechatFunctions.rooms-indexing-policy.json";

    /// <summary>The policy as the SDK sends it; a new instance each time, so callers may change their copy.</summary>
    public static IndexingPolicy Create()
    {
        using var stream = typeof(RoomsIndexingPolicy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly does not carry {ResourceName}.");
        using var reader = new StreamReader(stream);
        return JsonConvert.DeserializeObject<IndexingPolicy>(reader.ReadToEnd())
            ?? throw new InvalidOperationException($"{ResourceName} holds no indexing policy.");
    }

    /// <summary>Properties of a rooms container named <paramref name="name"/>: partitioned by visitor, indexed as deployed.</summary>
    public static ContainerProperties ContainerProperties(string name) =>
        new(name, "/visitorId") { IndexingPolicy = Create() };
}
