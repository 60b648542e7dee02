namespace LivechatFunctions.LocalHost.Tests;

/// <summary>One running local host for the HTTP tests.</summary>
[CollectionDefinition(Name)]
public sealed class LocalHostCollection : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "Local host";
}
