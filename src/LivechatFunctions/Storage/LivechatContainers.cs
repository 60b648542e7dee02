using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Storage;

/// <summary>The two containers of spec §4, resolved once from the singleton client.</summary>
public sealed class LivechatContainers(Container rooms, Container tokens)
{
    /// <summary>Chats and their messages, partitioned by <c>/visitorId</c>.</summary>
    public Container Rooms { get; } = rooms;

    /// <summary>Login token digests, partitioned by <c>/userId</c>.</summary>
    public Container Tokens { get; } = tokens;
}
