using System.Net;

namespace LivechatFunctions.Importer.Store;

/// <summary>Sorts the store's answers to a write into what the importer does next.</summary>
public enum StoreStatus
{
    /// <summary>Worth retrying: throttling beyond the SDK's retries, timeouts, an unavailable or failing service.</summary>
    Transient,

    /// <summary>This one document cannot be stored (too large, bad id, ...): count it, report it, go on.</summary>
    Rejected,

    /// <summary>No document can be stored (access refused, container missing): stop.</summary>
    Fatal,
}
