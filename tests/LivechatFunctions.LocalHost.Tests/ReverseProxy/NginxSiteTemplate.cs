using System.Text.RegularExpressions;

namespace LivechatFunctions.LocalHost.Tests.ReverseProxy;

/// <summary>
/// deploy/nginx/livechat-functions.conf.template, filled in the way its own instructions say (envsubst of the
/// named variables), plus the few line rewrites a test on loopback needs. Each rewrite must match exactly one line
/// of the template, so the tests break loudly instead of quietly testing something else when the template changes.
/// </summary>
internal sealed partial class NginxSiteTemplate
{
    public const string ListenLine = "listen 443 ssl;";
    public const string FunctionServerLine = "server ${FUNCTION_APP_HOST}:443;";
    public const string FunctionProxyPassLine = "proxy_pass https://livechat_function$request_uri;";
    public const string TrustedCertificateLine = "proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;";

    private static readonly string[] Variables =
        ["SERVER_NAME", "TLS_CERTIFICATE", "TLS_CERTIFICATE_KEY", "ROCKETCHAT_UPSTREAM", "FUNCTION_APP_HOST"];

    private readonly string _text;

    private NginxSiteTemplate(string text) => _text = text;

    public static string FilePath => Path.Combine(RepositoryRoot(), "deploy", "nginx", "livechat-functions.conf.template");

    public static NginxSiteTemplate Load() => new(File.ReadAllText(FilePath));

    /// <summary>The variables the template uses, in the ${NAME} form envsubst replaces.</summary>
    public IReadOnlySet<string> VariablesUsed() =>
        VariableReference().Matches(_text).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The template with every variable replaced and each rewrite applied to its one line.</summary>
    public string Render(IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> lineRewrites)
    {
        var lines = _text.Split('\n');
        foreach (var (original, replacement) in lineRewrites)
        {
            var matches = lines.Select((line, index) => (line, index)).Where(l => l.line.Trim() == original).ToList();
            if (matches.Count != 1)
            {
                throw new InvalidOperationException($"The template has {matches.Count} lines '{original}'; the test expects one.");
            }

            var (line, index) = matches[0];
            lines[index] = line[..line.IndexOf(original, StringComparison.Ordinal)] + replacement;
        }

        var rendered = string.Join('\n', lines);
        foreach (var name in Variables)
        {
            rendered = rendered.Replace("${" + name + "}", values[name], StringComparison.Ordinal);
        }

        var left = VariableReference().Match(rendered);
        return left.Success
            ? throw new InvalidOperationException($"The template uses ${{{left.Groups["name"].Value}}}, which the test does not fill in.")
            : rendered;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LivechatFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No LivechatFunctions.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z_]+)\}")]
    private static partial Regex VariableReference();
}
