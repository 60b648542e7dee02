using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using LivechatFunctions.Storage;

namespace LivechatFunctions.Reliability.Tests.Harness;

/// <summary>What the transport under the Cosmos SDK does to a data-plane request while a fault is on.</summary>
public enum FaultKind
{
    /// <summary>429 with <c>x-ms-retry-after-ms</c>: the SDK's own throttling retries see it.</summary>
    Throttle,

    /// <summary>Answers a fixed status (503, 408, ...) with a Cosmos-style error body.</summary>
    Status,

    /// <summary>The connection is refused, as when nothing listens on the port.</summary>
    Refuse,

    /// <summary>No answer ever comes; only the caller's cancellation (the SDK's timeout) ends the wait.</summary>
    Hang,

    /// <summary>The store's real answer, cut in half: not JSON any more.</summary>
    Truncate,
}

/// <summary>A fault and how many requests it hits (all while it is on, unless <paramref name="Times"/> says fewer).</summary>
public sealed record StoreFault(FaultKind Kind, HttpStatusCode Status = default, int RetryAfterMs = 0, int Times = int.MaxValue)
{
    public static StoreFault Throttle(int retryAfterMs, int times = int.MaxValue) => new(FaultKind.Throttle, HttpStatusCode.TooManyRequests, retryAfterMs, times);

    public static StoreFault Respond(HttpStatusCode status) => new(FaultKind.Status, status);

    public static StoreFault Refuse { get; } = new(FaultKind.Refuse);

    public static StoreFault Hang { get; } = new(FaultKind.Hang);

    public static StoreFault Truncate { get; } = new(FaultKind.Truncate);
}

/// <summary>
/// Injects store faults at the HTTP level, under the Cosmos SDK: the app's client gets its HttpClient from
/// <see cref="CreateHttpClient"/>, so every retry, timeout and error mapping the SDK does runs for real. Only
/// data-plane requests (documents and queries, <c>/docs</c>) are hit; account and container metadata pass.
/// </summary>
public sealed class StoreFaults : IDisposable
{
    private readonly Lock _gate = new();
    private StoreFault? _fault;
    private CancellationTokenSource _release = new();
    private int _remaining;
    private int _faulted;

    /// <summary>Data-plane requests the current fault has hit since it was injected.</summary>
    public int Faulted => Volatile.Read(ref _faulted);

    public void Inject(StoreFault fault)
    {
        lock (_gate)
        {
            _fault = fault;
            _remaining = fault.Times;
            _faulted = 0;
        }
    }

    /// <summary>Ends the fault; requests left hanging by it fail as a dropped connection would.</summary>
    public void Clear()
    {
        CancellationTokenSource released;
        lock (_gate)
        {
            _fault = null;
            released = _release;
            _release = new CancellationTokenSource();
        }

        released.Cancel();
        released.Dispose();
    }

    public void Dispose()
    {
        Clear();
        _release.Dispose();
    }

    private CancellationToken ReleaseToken
    {
        get
        {
            lock (_gate)
            {
                return _release.Token;
            }
        }
    }

    /// <summary>The HttpClient the SDK sends with: the fault injector over the handler the app uses for a loopback store.</summary>
    public HttpClient CreateHttpClient() => new(new FaultInjectingHandler(this, new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (request, _, _, errors) =>
            errors == SslPolicyErrors.None || (request.RequestUri is { } uri && LoopbackEndpoint.IsLoopback(uri)),
    }));

    private StoreFault? Take(HttpRequestMessage request)
    {
        if (request.RequestUri?.AbsolutePath.Contains("/docs", StringComparison.Ordinal) != true)
        {
            return null;
        }

        lock (_gate)
        {
            if (_fault is null || _remaining <= 0)
            {
                return null;
            }

            _remaining--;
            _faulted++;
            return _fault;
        }
    }

    private sealed class FaultInjectingHandler(StoreFaults faults, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var fault = faults.Take(request);
            switch (fault?.Kind)
            {
                case null:
                    return await base.SendAsync(request, cancellationToken);
                case FaultKind.Throttle:
                    var throttled = ErrorResponse(request, HttpStatusCode.TooManyRequests, "TooManyRequests", "Request rate is large.");
                    throttled.Headers.Add("x-ms-retry-after-ms", fault.RetryAfterMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    throttled.Headers.Add("x-ms-substatus", "3200");
                    return throttled;
                case FaultKind.Status:
                    return ErrorResponse(request, fault.Status, fault.Status.ToString(), "Injected by the test.");
                case FaultKind.Refuse:
                    throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (injected)",
                        new SocketException((int)SocketError.ConnectionRefused));
                case FaultKind.Hang:
                    using (var hang = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, faults.ReleaseToken))
                    {
                        try
                        {
                            await Task.Delay(Timeout.Infinite, hang.Token);
                        }
                        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                        {
                            // Released by Clear: the connection drops.
                        }
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection reset (injected)",
                        new SocketException((int)SocketError.ConnectionReset));
                case FaultKind.Truncate:
                    var real = await base.SendAsync(request, cancellationToken);
                    var bytes = await real.Content.ReadAsByteArrayAsync(cancellationToken);
                    var cut = new ByteArrayContent(bytes, 0, bytes.Length / 2);
                    foreach (var header in real.Content.Headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
                    {
                        cut.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }

                    real.Content = cut;
                    return real;
                default:
                    throw new NotSupportedException(fault.Kind.ToString());
            }
        }

        private static HttpResponseMessage ErrorResponse(HttpRequestMessage request, HttpStatusCode status, string code, string message)
        {
            var response = new HttpResponseMessage(status)
            {
                RequestMessage = request,
                Content = new StringContent($$"""{"code":"{{code}}","message":"{{message}}"}""", Encoding.UTF8, "application/json"),
            };
            response.Headers.Add("x-ms-activity-id", Guid.NewGuid().ToString());
            response.Headers.Add("x-ms-request-charge", "1");
            return response;
        }
    }
}
