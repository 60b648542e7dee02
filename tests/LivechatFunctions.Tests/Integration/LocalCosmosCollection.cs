namespace LivechatFunctions.Tests.Integration;

/// <summary>One local Cosmos DB server for every integration test class.</summary>
[CollectionDefinition(Name)]
public sealed class LocalCosmosCollection : ICollectionFixture<LocalCosmosFixture>
{
    public const string Name = "Local Cosmos DB";
}
