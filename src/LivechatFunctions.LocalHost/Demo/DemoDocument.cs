namespace LivechatFunctions.LocalHost.Demo;

/// <summary>One document of the demo data set, as stored (spec §4).</summary>
/// <param name="Container">Which container it belongs to.</param>
/// <param name="PartitionKey">Its partition key value (visitor id or user id).</param>
/// <param name="Json">The document itself.</param>
public sealed record DemoDocument(DemoContainer Container, string PartitionKey, string Json);
