using System.Text.Json;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>
/// Sweeps over every resource of the compiled main.bicep for the transport and access settings of the service's
/// promises (docs/reliability.md): the per-resource tests check the settings they know about; these find every
/// occurrence, so a setting added later, or on another resource, is held to the same bar.
/// </summary>
public sealed class TransportAndAccessBaselineTests
{
    private static readonly string[] TlsSettings = ["minTlsVersion", "scmMinTlsVersion", "minimumTlsVersion", "minimalTlsVersion"];
    private static readonly string[] Tls12OrLater = ["1.2", "1.3", "TLS1_2", "TLS1_3", "Tls12", "Tls13"];
    private static readonly string[] HttpsSwitches = ["httpsOnly", "supportsHttpsTrafficOnly", "enableHttpsTrafficOnly"];
    private static readonly string[] CorsSettings = ["cors", "corsRules", "allowedOrigins"];

    private static readonly ArmTemplate Template = ArmTemplate.Main;

    [Fact]
    public void Every_tls_minimum_in_the_template_is_1_2_or_later()
    {
        var settings = Find(TlsSettings).ToList();

        Assert.All(settings, s => Assert.Contains(s.Value.GetString(), Tls12OrLater));
        // The function app's own endpoint, its SCM (deployment) endpoint, storage and Cosmos DB each set one.
        Assert.Contains(settings, s => s.Resource.Type == "Microsoft.Web/sites" && s.Name == "scmMinTlsVersion");
        Assert.Contains(settings, s => s.Resource.Type == "Microsoft.Web/sites" && s.Name == "minTlsVersion");
        Assert.Contains(settings, s => s.Resource.Type == "Microsoft.Storage/storageAccounts");
        Assert.Contains(settings, s => s.Resource.Type == "Microsoft.DocumentDB/databaseAccounts");
    }

    [Fact]
    public void Every_https_switch_in_the_template_is_on()
    {
        var switches = Find(HttpsSwitches).ToList();

        Assert.All(switches, s => Assert.Equal(JsonValueKind.True, s.Value.ValueKind));
        Assert.Contains(switches, s => s.Resource.Type == "Microsoft.Web/sites");
        Assert.Contains(switches, s => s.Resource.Type == "Microsoft.Storage/storageAccounts");
    }

    [Fact]
    public void Only_the_function_app_declares_cors_and_never_for_any_origin()
    {
        var cors = Find(CorsSettings).ToList();

        Assert.All(cors, s => Assert.Equal("Microsoft.Web/sites", s.Resource.Type));
        Assert.All(cors, s => Assert.DoesNotContain("'*'", Template.Expand(s.Value.ToString()).Replace("contains(parameters('corsAllowedOrigins'), '*')", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.All(cors.Where(s => s.Value.ValueKind == JsonValueKind.Array), s => Assert.DoesNotContain("*", s.Value.EnumerateArray().Select(o => o.GetString())));
    }

    [Fact]
    public void Storage_defaults_to_entra_id_for_data_access()
    {
        var storage = Template.Single("Microsoft.Storage/storageAccounts");

        Assert.True(storage.Get("properties", "defaultToOAuthAuthentication").GetBoolean());
        Assert.False(storage.Get("properties", "allowCrossTenantReplication").GetBoolean());
    }

    /// <summary>Every property with one of <paramref name="names"/>, at any depth of any resource's properties.</summary>
    private static IEnumerable<(TemplateResource Resource, string Name, JsonElement Value)> Find(string[] names) =>
        Template.Resources
            .Where(r => r.TryGet(out _, "properties"))
            .SelectMany(r => Walk(r.Get("properties")).Where(p => names.Contains(p.Name, StringComparer.OrdinalIgnoreCase)).Select(p => (r, p.Name, p.Value)));

    private static IEnumerable<(string Name, JsonElement Value)> Walk(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                yield return (property.Name, property.Value);
                foreach (var inner in Walk(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var inner in element.EnumerateArray().SelectMany(Walk))
            {
                yield return inner;
            }
        }
    }
}
