namespace LivechatFunctions.Importer.Conversion;

/// <summary>The three kinds of document the importer writes (spec §4).</summary>
public enum DocumentKind
{
    /// <summary>A livechat room (chat), in the rooms container.</summary>
    Room,

    /// <summary>A message of a livechat room, in the rooms container beside its chat.</summary>
    Message,

    /// <summary>A login or personal access token digest, in the tokens container.</summary>
    Token,
}
