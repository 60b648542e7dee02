namespace LivechatFunctions.LocalHost.Tests.ReverseProxy;

/// <summary>The template's fill-in points are the ones its instructions list.</summary>
public sealed class NginxSiteTemplateTests
{
    [Fact]
    public void The_template_uses_exactly_the_variables_its_envsubst_line_names()
    {
        Assert.Equal(
            ["FUNCTION_APP_HOST", "ROCKETCHAT_UPSTREAM", "SERVER_NAME", "TLS_CERTIFICATE", "TLS_CERTIFICATE_KEY"],
            NginxSiteTemplate.Load().VariablesUsed().Order(StringComparer.Ordinal));
    }
}
