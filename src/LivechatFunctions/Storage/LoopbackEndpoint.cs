using System.Net;

namespace LivechatFunctions.Storage;

/// <summary>Recognises a store on this machine (the emulator or the local server), the only place a key is accepted.</summary>
public static class LoopbackEndpoint
{
    public static bool IsLoopback(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
