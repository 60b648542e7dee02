using LivechatFunctions.LocalHost.Hosting;

namespace LivechatFunctions.LocalHost.Tests;

/// <summary>The local host on a free loopback port, with its embedded Cosmos DB server and the demo data.</summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    private LocalFunctionHost? _host;

    public LocalFunctionHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        _host = await LocalFunctionHost.StartAsync(LocalHostOptions.Parse(["--port", "0"]), startup.Token);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public Task<HttpResponseMessage> GetAsync(string roomId, string visitorId, string query = "", string? userId = "demo-agent", string? token = "demo-agent-token")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Host.FunctionUrl(roomId, visitorId) + query);
        if (userId is not null)
        {
            request.Headers.Add("X-User-Id", userId);
        }

        if (token is not null)
        {
            request.Headers.Add("X-Auth-Token", token);
        }

        return Client.SendAsync(request);
    }
}
