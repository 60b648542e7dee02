namespace LivechatFunctions.Reliability.Tests.Harness;

/// <summary>
/// Tests that each get a fresh in-process app over the shared local store, so no test sees another's clients or
/// caches; the app is disposed after the test.
/// </summary>
public abstract class InProcessAppTests(ReliabilityFixture fixture) : IAsyncLifetime
{
    private InProcessApp _app = null!;

    protected ReliabilityFixture Fixture => fixture;

    protected InProcessApp App => _app;

    public Task InitializeAsync()
    {
        _app = InProcessApp.Create(fixture.Store);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
