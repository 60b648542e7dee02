using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace LivechatFunctions.Reliability.Tests.Harness;

/// <summary>
/// Sends requests byte for byte over a socket, so nothing on the client side normalises them (HttpClient would
/// resolve "..", escape control characters, refuse non-ASCII headers or merge repeats). One request per
/// connection; the answer is read to the end of the connection.
/// </summary>
public static class RawHttp
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Sends <c>GET {target}</c> with the given header lines and returns what came back.</summary>
    public static Task<Answer> GetAsync(Uri baseAddress, string target, IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var request = new StringBuilder();
        request.Append(CultureInfo.InvariantCulture, $"GET {target} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            request.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        request.Append("\r\n");
        return SendAsync(baseAddress, Encoding.UTF8.GetBytes(request.ToString()));
    }

    public static async Task<Answer> SendAsync(Uri baseAddress, byte[] request)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        using var limit = new CancellationTokenSource(Limit);
        var clock = Stopwatch.StartNew();
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, limit.Token);
        await using var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, limit.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before reading a request it refuses (too large); read what it said.
        }

        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, limit.Token);
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer: keep the answer.
        }

        clock.Stop();
        return Parse(received.ToArray(), clock.Elapsed);
    }

    private static Answer Parse(byte[] raw, TimeSpan elapsed)
    {
        var headerEnd = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            throw new InvalidOperationException($"Not an HTTP answer ({raw.Length} bytes): {Encoding.UTF8.GetString(raw[..Math.Min(raw.Length, 200)])}");
        }

        var lines = Encoding.Latin1.GetString(raw, 0, headerEnd).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var body = raw.AsSpan(headerEnd + 4);
        var chunked = headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase);
        return new Answer(status, headers, Encoding.UTF8.GetString(chunked ? Dechunk(body) : body), elapsed);
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> chunked)
    {
        using var body = new MemoryStream();
        while (!chunked.IsEmpty)
        {
            var lineEnd = chunked.IndexOf("\r\n"u8);
            var size = int.Parse(Encoding.ASCII.GetString(chunked[..lineEnd]).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            body.Write(chunked.Slice(lineEnd + 2, size));
            chunked = chunked[(lineEnd + 2 + size + 2)..];
        }

        return body.ToArray();
    }
}
