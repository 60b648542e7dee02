using System.Net;

namespace LivechatFunctions.LocalHost.Tests.ReverseProxy;

/// <summary>
/// The function side of the template over real TLS: a stand-in with a certificate for the app's host name takes
/// the place of *.azurewebsites.net (only proxy_pass's address and the trust anchor change), so the test sees the
/// Host header and the TLS server name that App Service's front end routes on.
/// </summary>
public sealed class NginxFunctionUpstreamTests
{
    private const string Target = "/api/v1/livechat/visitors.searchChats/room/r1/visitor/v1?count=5&sort=%7B%22ts%22%3A1%7D";

    [SkippableFact]
    public async Task The_function_app_gets_its_own_host_name_as_host_header_and_tls_server_name()
    {
        var received = await SendThroughNginxAsync(ProxyRig.FunctionAppHost);

        Assert.Equal(HttpStatusCode.OK, received.Status);
        var request = Assert.Single(received.Requests);
        Assert.Equal(ProxyRig.FunctionAppHost, request.Headers["Host"]);
        Assert.Equal(ProxyRig.FunctionAppHost, request.ServerName);
    }

    [SkippableFact]
    public async Task The_function_app_gets_both_login_headers_and_the_request_target_unchanged()
    {
        var received = await SendThroughNginxAsync(ProxyRig.FunctionAppHost);

        var request = Assert.Single(received.Requests);
        Assert.Equal(Target, request.Target);
        Assert.Equal("demo-agent", request.Headers["X-User-Id"]);
        Assert.Equal("demo-agent-token", request.Headers["X-Auth-Token"]);
    }

    [SkippableFact]
    public async Task An_upstream_certificate_for_another_host_name_is_refused()
    {
        var received = await SendThroughNginxAsync("somewhere-else.example.net");

        Assert.Equal(HttpStatusCode.BadGateway, received.Status);
        Assert.Empty(received.Requests);
    }

    private static async Task<(HttpStatusCode Status, IReadOnlyList<RecordedRequest> Requests)> SendThroughNginxAsync(string certificateHostName)
    {
        NginxExecutable.Require();
        var directory = Directory.CreateTempSubdirectory("livechat-upstream-");
        try
        {
            using var certificate = TestCertificate.Create(directory, "function-app", certificateHostName);
            await using var functionApp = await UpstreamStandIn.StartAsync("function-app", certificate.Certificate, CancellationToken.None);
            await using var rig = await ProxyRig.StartAsync(functionApp.BaseAddress, certificate.CertificatePath);

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(rig.Nginx.BaseAddress, Target));
            request.Headers.Add("X-User-Id", "demo-agent");
            request.Headers.Add("X-Auth-Token", "demo-agent-token");
            using var response = await rig.Client.SendAsync(request);
            return (response.StatusCode, functionApp.Requests);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
