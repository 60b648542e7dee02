using System.Text.Json;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>
/// The site properties and app settings Microsoft's "Flex Consumption plan deprecations" table (Functions app settings
/// reference) lists as not valid on Flex Consumption. The platform answers a site that sets such a property with 400
/// ("The following site configuration property (Site.SiteConfig.FtpsState) for Flex Consumption sites is invalid"),
/// depending on the region, so none may appear anywhere in the site, its siteConfig or a sites/config resource.
/// </summary>
public sealed class FlexConsumptionSitePropertiesTests
{
    private static readonly ArmTemplate Template = ArmTemplate.Main;

    [Theory]
    [InlineData("alwaysOn")]
    [InlineData("containerSize")]
    [InlineData("dnsConfiguration")]
    [InlineData("ftpsState")]
    [InlineData("isReserved")]
    // The site's own name for isReserved (the plan's reserved: true is required and is not a site property).
    [InlineData("reserved")]
    [InlineData("isXenon")]
    [InlineData("javaVersion")]
    [InlineData("linuxFxVersion")]
    [InlineData("netFrameworkVersion")]
    [InlineData("powerShellVersion")]
    [InlineData("functionAppScaleLimit")]
    [InlineData("preWarmedInstanceCount")]
    [InlineData("use32BitWorkerProcess")]
    [InlineData("vnetBackupRestoreEnabled")]
    [InlineData("vnetContentShareEnabled")]
    [InlineData("vnetImagePullEnabled")]
    [InlineData("vnetRouteAllEnabled")]
    [InlineData("windowsFxVersion")]
    // Not in the table, but named in the platform's refusals of Flex sites next to FtpsState and NetFrameworkVersion.
    [InlineData("functionsRuntimeScaleMonitoringEnabled")]
    public void The_site_sets_no_property_flex_consumption_refuses(string property)
    {
        foreach (var (where, properties) in SitePropertyObjects())
        {
            Assert.False(HasProperty(properties, property), $"{where} sets {property}, which Flex Consumption refuses.");
        }
    }

    [Theory]
    [InlineData("ENABLE_ORYX_BUILD")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_WORKER_RUNTIME_VERSION")]
    [InlineData("FUNCTIONS_MAX_HTTP_CONCURRENCY")]
    [InlineData("FUNCTIONS_WORKER_PROCESS_COUNT")]
    [InlineData("FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED")]
    [InlineData("SCM_DO_BUILD_DURING_DEPLOYMENT")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("WEBSITE_CONTENTOVERVNET")]
    [InlineData("WEBSITE_CONTENTSHARE")]
    [InlineData("WEBSITE_DNS_SERVER")]
    [InlineData("WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT")]
    [InlineData("WEBSITE_NODE_DEFAULT_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_SKIP_CONTENTSHARE_VALIDATION")]
    [InlineData("WEBSITE_VNET_ROUTE_ALL")]
    public void App_settings_hold_nothing_flex_consumption_deprecates(string setting) =>
        Assert.DoesNotContain(setting, Template.AppSettings().Keys);

    [Fact]
    public void Ftp_stays_off_through_the_publishing_credentials_policy_not_ftps_state()
    {
        var ftp = Assert.Single(
            Template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies"),
            r => Template.Expand(r.Name).EndsWith("'ftp')]", StringComparison.Ordinal));

        Assert.False(ftp.Get("properties", "allow").GetBoolean());
    }

    // The site's properties, its siteConfig, and the properties of every sites/config resource (web, appsettings, ...).
    private static IEnumerable<(string Where, JsonElement Properties)> SitePropertyObjects()
    {
        var site = Template.Single("Microsoft.Web/sites");
        yield return ("Microsoft.Web/sites properties", site.Get("properties"));
        if (site.TryGet(out var siteConfig, "properties", "siteConfig"))
        {
            yield return ("Microsoft.Web/sites siteConfig", siteConfig);
        }

        foreach (var config in Template.OfType("Microsoft.Web/sites/config"))
        {
            yield return ($"Microsoft.Web/sites/config {config.Name}", config.Get("properties"));
        }
    }

    private static bool HasProperty(JsonElement properties, string name) =>
        properties.ValueKind == JsonValueKind.Object
        && properties.EnumerateObject().Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
