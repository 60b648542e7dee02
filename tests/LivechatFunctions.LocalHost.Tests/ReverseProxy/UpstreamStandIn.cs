using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace LivechatFunctions.LocalHost.Tests.ReverseProxy;

/// <summary>
/// A tiny HTTP(S) server on loopback standing in for an upstream nginx talks to (the rest of Rocket.Chat, or the
/// function app's front end when the TLS side is under test). It records every request and answers with a body
/// that names it, so a test can tell which upstream an answer came from.
/// </summary>
internal sealed class UpstreamStandIn(WebApplication app, ConcurrentQueue<RecordedRequest> requests, Uri baseAddress) : IAsyncDisposable
{
    public const string NameHeader = "X-Stand-In";
    private const string ServerNameKey = "tls-server-name";

    private readonly WebApplication _app = app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = requests;

    public Uri BaseAddress { get; } = baseAddress;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<UpstreamStandIn> StartAsync(string name, X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        var requests = new ConcurrentQueue<RecordedRequest>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                // The selector sees the TLS server name the client sent (SNI), null when it sent none.
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificateSelector = (connection, serverName) =>
                    {
                        connection!.Items[ServerNameKey] = serverName;
                        return certificate;
                    },
                });
            }
        }));

        var app = builder.Build();
        app.Run(async context =>
        {
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            var connectionItems = context.Features.Get<IConnectionItemsFeature>()?.Items;
            var serverName = connectionItems is not null && connectionItems.TryGetValue(ServerNameKey, out var sni) ? sni as string : null;
            requests.Enqueue(new RecordedRequest(context.Request.Method, target, headers, string.IsNullOrEmpty(serverName) ? null : serverName));

            context.Response.Headers[NameHeader] = name;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync($"{name}: {context.Request.Method} {target}", context.RequestAborted);
        });

        await app.StartAsync(cancellationToken);
        var address = app.Urls.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return new UpstreamStandIn(app, requests, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
