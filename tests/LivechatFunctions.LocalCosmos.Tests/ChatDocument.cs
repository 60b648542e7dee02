namespace LivechatFunctions.LocalCosmos.Tests;

/// <summary>A document shaped like the app's: partitioned by visitor, ordered by timestamp.</summary>
public sealed record ChatDocument(string Id, string VisitorId, string Kind, long Ts, string Text);
