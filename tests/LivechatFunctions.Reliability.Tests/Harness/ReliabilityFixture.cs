using LivechatFunctions.LocalCosmos;
using LivechatFunctions.LocalHost.Hosting;

namespace LivechatFunctions.Reliability.Tests.Harness;

/// <summary>
/// One local store with <see cref="ReliabilityData"/> and the demo data, and the local host serving the function
/// over real HTTP against it. Tests that break the store start their own.
/// </summary>
public sealed class ReliabilityFixture : IAsyncLifetime
{
    private LocalStore? _store;
    private LocalFunctionHost? _host;

    public LocalStore Store => _store ?? throw new InvalidOperationException("The store has not started.");

    public LocalFunctionHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync()
    {
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        _store = await LocalStore.StartAsync(startup.Token);
        _host = await StartHostAsync(_store, startup.Token);
    }

    /// <summary>The local host on a free port, reading <paramref name="store"/>, with the fault tests' request timeout.</summary>
    public static Task<LocalFunctionHost> StartHostAsync(LocalStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return LocalFunctionHost.StartAsync(LocalHostOptions.Parse(
        [
            "--port", "0",
            $"--Cosmos:AccountEndpoint={store.Endpoint}",
            $"--Cosmos:AccountKey={CosmosServerProcess.WellKnownKey}",
            $"--Cosmos:DatabaseName={LocalStore.DatabaseName}",
            $"--Cosmos:RequestTimeout={FaultBounds.RequestTimeout}",
            // The host's console log is not what these tests read; it would only flood their output.
            "--Logging:LogLevel:Default=None",
        ]), cancellationToken);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}

/// <summary>The tests that share <see cref="ReliabilityFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityCollection : ICollectionFixture<ReliabilityFixture>
{
    public const string Name = "Reliability";
}
