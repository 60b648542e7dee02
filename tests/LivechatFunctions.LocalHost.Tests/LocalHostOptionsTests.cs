using LivechatFunctions.LocalHost.Hosting;

namespace LivechatFunctions.LocalHost.Tests;

/// <summary>Which port each mode listens on.</summary>
public class LocalHostOptionsTests
{
    [Fact]
    public void Store_mode_listens_on_the_emulator_port_unless_given_one()
    {
        Assert.Equal(8081, LocalHostOptions.Parse(["store"]).Port);
    }

    [Fact]
    public void Store_mode_takes_the_port_it_is_given()
    {
        Assert.Equal(0, LocalHostOptions.Parse(["store", "--port", "0"]).Port);
    }

    [Fact]
    public void Serve_mode_keeps_core_tools_port()
    {
        Assert.Equal(7071, LocalHostOptions.Parse([]).Port);
    }
}
