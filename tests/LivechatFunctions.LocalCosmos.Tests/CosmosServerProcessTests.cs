using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LivechatFunctions.LocalCosmos.Tests;

/// <summary>Starting and stopping servers; each test owns the servers it starts.</summary>
public sealed class CosmosServerProcessTests
{
    [Fact]
    public async Task DisposeAsync_ends_the_process_and_frees_the_port()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var server = await CosmosServerProcess.StartAsync(null, ct);
        var port = server.Port;
        Assert.True(await AcceptsConnectionsAsync(port, ct));

        await server.DisposeAsync();

        Assert.True(server.HasExited);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(server.ProcessId));
        Assert.False(await AcceptsConnectionsAsync(port, ct));
    }

    [Fact]
    public async Task A_path_with_an_escape_of_invalid_utf8_is_refused_without_taking_the_server_down()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var server = await CosmosServerProcess.StartAsync(null, ct);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler);

        using var broken = await http.GetAsync(new Uri(server.Endpoint, "dbs/x/colls/y/docs/r%ED%A0%80"), ct);
        using var after = await http.SendAsync(
            MasterKeySignature.Sign(new HttpRequestMessage(HttpMethod.Get, new Uri(server.Endpoint, "dbs/x/colls/y/docs/ok")), server.Endpoint), ct);

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.False(server.HasExited);
    }

    [Fact]
    public async Task Two_servers_run_at_once_on_different_free_ports()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var first = await CosmosServerProcess.StartAsync(null, ct);
        await using var second = await CosmosServerProcess.StartAsync(null, ct);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();

        // Same database name on both: each server has its own in-memory store.
        var inFirst = await firstClient.CreateDatabaseAsync("shared-name", cancellationToken: ct);
        var inSecond = await secondClient.CreateDatabaseAsync("shared-name", cancellationToken: ct);

        Assert.NotEqual(first.Port, second.Port);
        Assert.NotEqual(first.ProcessId, second.ProcessId);
        Assert.Equal(HttpStatusCode.Created, inFirst.StatusCode);
        Assert.Equal(HttpStatusCode.Created, inSecond.StatusCode);
    }

    [Fact]
    public async Task Server_exits_when_its_parent_process_disappears()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        // Stands in for a parent that died while something else kept the server's stdin open.
        using var standIn = Process.Start(new ProcessStartInfo(
                new CosmosServerOptions().NodeExecutable, ["-e", "setTimeout(() => {}, 60000)"]))
            ?? throw new InvalidOperationException("could not start the stand-in parent");
        await using var server = await CosmosServerProcess.StartAsync(
            new CosmosServerOptions { ParentProcessId = standIn.Id }, ct);

        standIn.Kill();
        await standIn.WaitForExitAsync(ct);

        // The launcher checks once a second; allow a few rounds.
        await server.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.True(server.HasExited);
    }

    [Fact]
    public async Task Start_reports_a_missing_node_executable_clearly()
    {
        using var timeout = TestTimeout.Start();
        var options = new CosmosServerOptions { NodeExecutable = "/nonexistent/node" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => CosmosServerProcess.StartAsync(options, timeout.Token));

        Assert.Contains(CosmosServerOptions.NodeEnvironmentVariable, error.Message, StringComparison.Ordinal);
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
