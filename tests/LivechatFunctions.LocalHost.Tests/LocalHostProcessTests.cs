using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace LivechatFunctions.LocalHost.Tests;

/// <summary>The local run as a newcomer uses it: a process that prints a curl, answers it, and stops on Ctrl+C.</summary>
public partial class LocalHostProcessTests
{
    [Fact]
    public async Task The_printed_curl_answers_200_and_ctrl_c_stops_the_host_and_its_store()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var process = LivechatLocalProcess.Start("--port", "0");
        try
        {
            var (printed, _) = await LivechatLocalProcess.ReadUntilReadyAsync(process, timeout.Token);

            var curl = CurlLine().Match(string.Join('\n', printed));
            Assert.True(curl.Success, "no curl printed:\n" + string.Join('\n', printed));
            var store = StoreLine().Match(string.Join('\n', printed));
            Assert.True(store.Success);

            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, curl.Groups["url"].Value);
            request.Headers.Add("X-User-Id", curl.Groups["user"].Value);
            request.Headers.Add("X-Auth-Token", curl.Groups["token"].Value);
            using var response = await client.SendAsync(request, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("{\"history\":[{", await response.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);

            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync(timeout.Token);
            }

            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.False(await EmbeddedStoreProcess.AcceptsConnectionsAsync(int.Parse(store.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture)), "the embedded store outlived the host");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [GeneratedRegex(@"curl -s -H 'X-User-Id: (?<user>[^']+)' -H 'X-Auth-Token: (?<token>[^']+)' '(?<url>[^']+)'")]
    private static partial Regex CurlLine();

    [GeneratedRegex(@"embedded local Cosmos DB server at https://127\.0\.0\.1:(?<port>\d+)/")]
    private static partial Regex StoreLine();
}
