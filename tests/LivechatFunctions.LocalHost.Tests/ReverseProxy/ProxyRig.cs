using System.Net.Security;

namespace LivechatFunctions.LocalHost.Tests.ReverseProxy;

/// <summary>
/// nginx with the committed site template in front of a function upstream and a Rocket.Chat stand-in, all on
/// loopback, plus a client that trusts only this nginx's certificate. The template's variables get example values;
/// the only lines changed are the listen address, the function app's address and, for a plain-HTTP upstream, the
/// scheme of the function's proxy_pass.
/// </summary>
internal sealed class ProxyRig : IAsyncDisposable
{
    public const string FunctionAppHost = "func-livechat-test.azurewebsites.net";
    public const string ServerName = "chat.example.com";

    private readonly DirectoryInfo _directory;
    private readonly TestCertificate _certificate;

    private ProxyRig(DirectoryInfo directory, TestCertificate certificate, UpstreamStandIn rocketChat, NginxProxy nginx)
    {
        _directory = directory;
        _certificate = certificate;
        RocketChat = rocketChat;
        Nginx = nginx;
        Client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => _certificate.IsThisCertificate(presented as System.Security.Cryptography.X509Certificates.X509Certificate2),
            },
            UseCookies = false,
            AllowAutoRedirect = false,
        })
        {
            BaseAddress = nginx.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public UpstreamStandIn RocketChat { get; }

    public NginxProxy Nginx { get; }

    public HttpClient Client { get; }

    /// <summary>
    /// Starts the rig. <paramref name="functionUpstream"/> is where the function's location sends requests: a plain
    /// http:// address replaces the https:// one of the template; an https:// one keeps TLS, and then
    /// <paramref name="trustedFunctionCertificate"/> replaces the system trust store as the only anchor accepted.
    /// </summary>
    public static async Task<ProxyRig> StartAsync(Uri functionUpstream, string? trustedFunctionCertificate = null)
    {
        var executable = NginxExecutable.Require();
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var directory = Directory.CreateTempSubdirectory("livechat-nginx-");
        var certificate = TestCertificate.Create(directory, "front", ServerName);
        var rocketChat = await UpstreamStandIn.StartAsync("rocket.chat", null, startup.Token);
        try
        {
            var port = NginxProxy.FreePort();
            var rewrites = new Dictionary<string, string>
            {
                [NginxSiteTemplate.ListenLine] = $"listen 127.0.0.1:{port} ssl;",
                [NginxSiteTemplate.FunctionServerLine] = $"server {functionUpstream.Authority};",
            };
            if (functionUpstream.Scheme == Uri.UriSchemeHttp)
            {
                rewrites[NginxSiteTemplate.FunctionProxyPassLine] = "proxy_pass http://livechat_function$request_uri;";
            }

            if (trustedFunctionCertificate is not null)
            {
                rewrites[NginxSiteTemplate.TrustedCertificateLine] = $"proxy_ssl_trusted_certificate {trustedFunctionCertificate};";
            }

            var site = NginxSiteTemplate.Load().Render(
                new Dictionary<string, string>
                {
                    ["SERVER_NAME"] = ServerName,
                    ["TLS_CERTIFICATE"] = certificate.CertificatePath,
                    ["TLS_CERTIFICATE_KEY"] = certificate.KeyPath,
                    ["ROCKETCHAT_UPSTREAM"] = rocketChat.BaseAddress.GetLeftPart(UriPartial.Authority),
                    ["FUNCTION_APP_HOST"] = FunctionAppHost,
                },
                rewrites);
            var nginx = await NginxProxy.StartAsync(executable, directory, site, port, startup.Token);
            return new ProxyRig(directory, certificate, rocketChat, nginx);
        }
        catch
        {
            await rocketChat.DisposeAsync();
            certificate.Dispose();
            directory.Delete(recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Nginx.DisposeAsync();
        await RocketChat.DisposeAsync();
        _certificate.Dispose();
        _directory.Delete(recursive: true);
    }
}
