using System.Text.Json;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>The Flex Consumption function app in the compiled main.bicep.</summary>
public sealed class FunctionAppTemplateTests
{
    private static readonly ArmTemplate Template = ArmTemplate.Main;

    private static TemplateResource Site => Template.Single("Microsoft.Web/sites");

    [Fact]
    public void Plan_is_flex_consumption_FC1()
    {
        var plan = Template.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.GetString("sku", "name"));
        Assert.Equal("FlexConsumption", plan.GetString("sku", "tier"));
        Assert.True(plan.Get("properties", "reserved").GetBoolean());
    }

    [Fact]
    public void Function_app_is_linux_on_the_plan()
    {
        Assert.Equal("functionapp,linux", Site.GetString("kind"));
        Assert.Contains("Microsoft.Web/serverfarms", Template.Expand(Site.GetString("properties", "serverFarmId")), StringComparison.Ordinal);
    }

    [Fact]
    public void Function_app_uses_a_web_api_version_with_functionAppConfig()
    {
        var apiVersion = Site.GetString("apiVersion");

        Assert.True(string.CompareOrdinal(apiVersion, "2024-04-01") >= 0, $"Microsoft.Web/sites@{apiVersion} is older than 2024-04-01");
    }

    [Fact]
    public void Runtime_is_dotnet_isolated_10()
    {
        Assert.Equal("dotnet-isolated", Site.GetString("properties", "functionAppConfig", "runtime", "name"));
        Assert.Equal("10.0", Site.GetString("properties", "functionAppConfig", "runtime", "version"));
    }

    [Fact]
    public void Scale_settings_come_from_parameters_with_flex_memory_sizes()
    {
        var scale = Site.Get("properties", "functionAppConfig", "scaleAndConcurrency");
        var memory = Template.Parameter("instanceMemoryMB");

        Assert.Equal("[parameters('maximumInstanceCount')]", scale.GetProperty("maximumInstanceCount").GetString());
        Assert.Equal("[parameters('instanceMemoryMB')]", scale.GetProperty("instanceMemoryMB").GetString());
        Assert.Equal([512, 2048, 4096], memory.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetInt32()));
    }

    [Fact]
    public void Deployment_package_storage_is_reached_with_the_user_assigned_identity()
    {
        var storage = Site.Get("properties", "functionAppConfig", "deployment", "storage");

        Assert.Equal("blobContainer", storage.GetProperty("type").GetString());
        Assert.Equal("UserAssignedIdentity", storage.GetProperty("authentication").GetProperty("type").GetString());
        Assert.True(Template.RefersToAppIdentity(storage.GetProperty("authentication").GetProperty("userAssignedIdentityResourceId").GetString()!));
        Assert.Contains("app-package", Template.Expand(storage.GetProperty("value").GetString()!), StringComparison.Ordinal);
    }

    [Fact]
    public void Function_app_runs_as_the_user_assigned_identity()
    {
        var identity = Site.Get("identity");

        Assert.Equal("UserAssigned", identity.GetProperty("type").GetString());
        var assigned = Assert.Single(identity.GetProperty("userAssignedIdentities").EnumerateObject());
        Assert.True(Template.RefersToAppIdentity(assigned.Name));
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("WEBSITE_CONTENTSHARE")]
    public void App_settings_leave_out_what_flex_consumption_refuses(string setting) =>
        Assert.DoesNotContain(setting, Template.AppSettings().Keys);

    [Fact]
    public void Host_storage_is_identity_based()
    {
        var settings = Template.AppSettings();

        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.True(Template.RefersToAppIdentity(settings["AzureWebJobsStorage__clientId"]));
        Assert.Contains("primaryEndpoints.blob", settings["AzureWebJobsStorage__blobServiceUri"], StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.table", settings["AzureWebJobsStorage__tableServiceUri"], StringComparison.Ordinal);
    }

    [Fact]
    public void Template_never_reads_account_keys()
    {
        Assert.DoesNotContain("listKeys(", Template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", Template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listConnectionStrings(", Template.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void App_settings_point_the_code_at_cosmos_with_the_identity()
    {
        var settings = Template.AppSettings();

        Assert.Contains("documentEndpoint", settings["Cosmos__AccountEndpoint"], StringComparison.Ordinal);
        Assert.True(Template.RefersToAppIdentity(settings["Cosmos__ManagedIdentityClientId"]));
        Assert.True(Template.RefersToAppIdentity(settings["AZURE_CLIENT_ID"]));
        Assert.Equal("livechat", Template.Literal(settings["Cosmos__DatabaseName"]));
        Assert.Equal("rooms", Template.Literal(settings["Cosmos__RoomsContainerName"]));
        Assert.Equal("tokens", Template.Literal(settings["Cosmos__TokensContainerName"]));
    }

    [Fact]
    public void The_token_cache_is_a_parameter_and_off_unless_it_is_set()
    {
        var parameter = Template.Root.GetProperty("parameters").GetProperty("tokenCacheLifetime");

        Assert.Equal("00:00:00", parameter.GetProperty("defaultValue").GetString());
        Assert.Equal("[parameters('tokenCacheLifetime')]", Template.AppSettings()["Authentication__TokenCacheLifetime"]);
    }

    [Fact]
    public void The_token_cache_lifetimes_a_deployment_may_choose_are_all_ones_the_app_accepts()
    {
        var allowed = Template.Root.GetProperty("parameters").GetProperty("tokenCacheLifetime").GetProperty("allowedValues")
            .EnumerateArray().Select(value => value.GetString()!).ToList();

        Assert.Contains("00:00:00", allowed);
        Assert.All(allowed, value => Assert.True(
            new LivechatFunctions.Authentication.TokenCacheOptions { TokenCacheLifetime = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) }.IsValid,
            $"{value} would stop the app at start"));
    }

    [Fact]
    public void App_insights_is_written_with_entra_id()
    {
        var settings = Template.AppSettings();

        Assert.Contains("ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
        var authentication = settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];
        Assert.Contains("ClientId={0};Authorization=AAD", authentication, StringComparison.Ordinal);
        Assert.True(Template.RefersToAppIdentity(authentication));
    }

    [Fact]
    public void Function_app_is_https_only() =>
        Assert.True(Site.Get("properties", "httpsOnly").GetBoolean());

    [Fact]
    public void Function_app_requires_tls_1_2() =>
        Assert.Equal("1.2", Site.GetString("properties", "siteConfig", "minTlsVersion"));

    [Theory]
    [InlineData("ftp")]
    [InlineData("scm")]
    public void Basic_publishing_credentials_are_disabled(string policy)
    {
        var match = Assert.Single(
            Template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies"),
            r => Template.Expand(r.Name).EndsWith($"'{policy}')]", StringComparison.Ordinal));

        Assert.False(match.Get("properties", "allow").GetBoolean());
        Assert.Null(match.Condition);
    }

    [Fact]
    public void Cors_allows_no_wildcard_and_no_origin_by_default()
    {
        var origins = Site.Get("properties", "siteConfig", "cors", "allowedOrigins");

        if (origins.ValueKind == JsonValueKind.Array)
        {
            Assert.DoesNotContain("*", origins.EnumerateArray().Select(o => o.GetString()));
        }
        else
        {
            // A parameter feeds the list; the template must refuse a wildcard in it.
            var expression = Template.Expand(origins.GetString()!);
            Assert.Contains("if(contains(parameters('corsAllowedOrigins'), '*'), fail(", expression, StringComparison.Ordinal);
        }

        Assert.Equal(0, Template.Parameter("corsAllowedOrigins").GetProperty("defaultValue").GetArrayLength());
        Assert.False(Site.Get("properties", "siteConfig", "cors", "supportCredentials").GetBoolean());
    }

    [Fact]
    public void Function_app_is_tagged_as_the_azd_api_service()
    {
        var tags = Site.Get("tags");

        if (tags.ValueKind == JsonValueKind.Object)
        {
            Assert.Equal("api", tags.GetProperty("azd-service-name").GetString());
        }
        else
        {
            Assert.Contains("createObject('azd-service-name', 'api')", tags.GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Outputs_give_the_api_base_url_and_what_azd_needs()
    {
        var outputs = Template.Root.GetProperty("outputs");

        var baseUrl = outputs.GetProperty("FUNCTION_BASE_URL").GetProperty("value").GetString()!;
        Assert.Contains("'https://{0}/api'", baseUrl, StringComparison.Ordinal);
        Assert.Contains("defaultHostName", baseUrl, StringComparison.Ordinal);
        Assert.Contains("documentEndpoint", outputs.GetProperty("COSMOS_ENDPOINT").GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.True(Template.RefersToAppIdentity(outputs.GetProperty("MANAGED_IDENTITY_CLIENT_ID").GetProperty("value").GetString()!));
        Assert.True(outputs.TryGetProperty("AZURE_FUNCTION_APP_NAME", out _));
        Assert.True(outputs.TryGetProperty("AZURE_RESOURCE_GROUP", out _));
    }
}
