using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>The queued-chat preview setting (spec §5, rule 5) in the compiled main.bicep.</summary>
public sealed class RoutingSettingTemplateTests
{
    private static readonly ArmTemplate Template = ArmTemplate.Main;

    [Fact]
    public void Queued_chat_preview_is_a_parameter_that_is_off_unless_it_is_set()
    {
        var parameter = Template.Parameter("previewQueuedChats");

        Assert.Equal("bool", parameter.GetProperty("type").GetString());
        Assert.False(parameter.GetProperty("defaultValue").GetBoolean());
    }

    [Fact]
    public void The_app_setting_passes_the_parameter_as_the_text_the_app_reads() =>
        Assert.Equal("[if(parameters('previewQueuedChats'), 'true', 'false')]", Template.AppSettings()["Routing__PreviewQueuedChats"]);
}
