namespace LivechatFunctions.Authorization;

/// <summary>How chats reach agents, as far as room access depends on it (configuration section "Routing").</summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Routing";

    /// <summary>
    /// Whether an agent may open a queued chat (open, not yet served) of the public queue or of one of their
    /// departments before taking it (spec §5, rule 5). Off by default; Rocket.Chat allows it under its Manual Selection
    /// routing method, where agents pick chats from the queue and may look at them first.
    /// </summary>
    public bool PreviewQueuedChats { get; set; }
}
