using System.Text;
using LivechatFunctions.LocalHost.Demo;

namespace LivechatFunctions.LocalHost.Hosting;

/// <summary>What the local host prints once it answers: where, as whom, and a request to paste.</summary>
public static class ReadyMessage
{
    public static string Format(LocalFunctionHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var text = new StringBuilder()
            .AppendLine()
            .AppendLine("Livechat Functions is running (local host, no Core Tools).")
            .AppendLine($"  Function:  GET {new Uri(host.BaseAddress, host.RouteTemplate.TrimStart('/'))}")
            .AppendLine($"  Store:     {(host.EmbeddedStoreEndpoint is { } store ? $"embedded local Cosmos DB server at {store} (demo data loaded)" : "the configured Cosmos DB account")}");
        if (host.DemoData is { } demo)
        {
            var (roomId, visitorId) = demo.SuggestedRoom;
            AppendDemoLogins(text, demo, host.FunctionUrl(roomId, visitorId));
        }

        return text.AppendLine().Append("Press Ctrl+C to stop.").ToString();
    }

    /// <summary>The demo logins and a curl for the suggested room at <paramref name="functionUrl"/>.</summary>
    internal static void AppendDemoLogins(StringBuilder text, DemoDataSet demo, Uri functionUrl)
    {
        text.AppendLine().AppendLine("  Demo logins (X-User-Id / X-Auth-Token):");
        foreach (var user in demo.Users)
        {
            text.AppendLine($"    {user.UserId,-20} {user.Token,-26} {user.Description}");
        }

        var user0 = demo.SuggestedUser;
        text.AppendLine()
            .AppendLine("  Try it:")
            .AppendLine($"    curl -s -H 'X-User-Id: {user0.UserId}' -H 'X-Auth-Token: {user0.Token}' '{functionUrl}?count=5'");
    }
}
