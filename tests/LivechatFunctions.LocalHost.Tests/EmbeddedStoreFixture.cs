namespace LivechatFunctions.LocalHost.Tests;

/// <summary>One <c>livechat-local store</c> process shared by the tests that only read what it serves.</summary>
public sealed class EmbeddedStoreFixture : IAsyncLifetime
{
    private EmbeddedStoreProcess? _store;

    public EmbeddedStoreProcess Store => _store ?? throw new InvalidOperationException("The store has not started.");

    public async Task InitializeAsync()
    {
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        _store = await EmbeddedStoreProcess.StartAsync(startup.Token);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}
