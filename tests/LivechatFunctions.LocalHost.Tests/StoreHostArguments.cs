using System.Net;
using System.Net.Sockets;
using LivechatFunctions.LocalCosmos;

namespace LivechatFunctions.LocalHost.Tests;

/// <summary>
/// Command lines for a local host in front of a store of the test's choosing: the ones the failure and warm-start
/// tests start, so each test names the store it wants rather than spelling out the settings.
/// </summary>
internal static class StoreHostArguments
{
    /// <summary>A store at <paramref name="endpoint"/>, signed in to with the local server's key.</summary>
    public static string[] Store(Uri? endpoint, params string[] settings) =>
    [
        "--port", "0",
        $"--Cosmos:AccountEndpoint={endpoint}",
        $"--Cosmos:AccountKey={CosmosServerProcess.WellKnownKey}",
        .. settings,
    ];

    /// <summary>
    /// Nothing listening on <paramref name="port"/> of loopback, with a 2 s request timeout so the 503 comes
    /// quickly.
    /// </summary>
    public static string[] UnreachableStore(int port) =>
        Store(new Uri($"https://127.0.0.1:{port}/"), "--Cosmos:RequestTimeout=00:00:02");

    /// <summary>A running store whose tokens container does not exist: a misconfiguration, answered with 500.</summary>
    public static string[] MissingTokensContainer(Uri? endpoint) =>
        Store(endpoint, "--Cosmos:TokensContainerName=no-such-container");

    /// <summary>A loopback port nothing listens on (it was free a moment ago).</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
