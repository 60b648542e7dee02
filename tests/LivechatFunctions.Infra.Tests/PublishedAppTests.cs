using System.Reflection.PortableExecutable;
using System.Text.Json;
using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>
/// What azd deploys: the publish azd runs (no runtime identifier) is precompiled (ReadyToRun) for linux-x64, the only
/// platform Flex Consumption runs, and framework-dependent, as the Functions host brings the .NET runtime.
/// </summary>
public sealed class PublishedAppTests(PublishedAppFixture published) : IClassFixture<PublishedAppFixture>
{
    // A ReadyToRun image for Linux carries the machine type xor'ed with the Linux OS marker (0x7B79).
    private const Machine LinuxX64 = (Machine)(0x8664 ^ 0x7B79);

    [Fact]
    public void The_publish_azd_runs_succeeds() =>
        Assert.True(published.ExitCode == 0, published.Output);

    [Fact]
    public void The_function_assembly_is_ready_to_run()
    {
        using var reader = new PEReader(File.OpenRead(published.PathOf("LivechatFunctions.dll")));
        var corHeader = reader.PEHeaders.CorHeader ?? throw new InvalidOperationException("not a .NET assembly");

        // The ReadyToRun header is the managed native header; an IL-only assembly has none.
        Assert.True(corHeader.ManagedNativeHeaderDirectory.Size > 0, "LivechatFunctions.dll has no ReadyToRun header: it is IL only");
        Assert.True((corHeader.Flags & CorFlags.ILLibrary) != 0, "LivechatFunctions.dll is not flagged as a precompiled IL library");
    }

    [Fact]
    public void The_precompiled_code_is_for_linux_x64()
    {
        using var reader = new PEReader(File.OpenRead(published.PathOf("LivechatFunctions.dll")));

        Assert.Equal(LinuxX64, reader.PEHeaders.CoffHeader.Machine);
    }

    [Fact]
    public void The_publish_targets_linux_x64()
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(published.PathOf("LivechatFunctions.deps.json")));

        Assert.Equal(".NETCoreApp,Version=v10.0/linux-x64", deps.RootElement.GetProperty("runtimeTarget").GetProperty("name").GetString());
    }

    [Fact]
    public void The_publish_is_framework_dependent()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(published.PathOf("LivechatFunctions.runtimeconfig.json")));
        var options = config.RootElement.GetProperty("runtimeOptions");

        Assert.False(options.TryGetProperty("includedFrameworks", out _), "the runtime is bundled: the publish is self-contained");
        Assert.True(options.TryGetProperty("framework", out _) || options.TryGetProperty("frameworks", out _));
        Assert.False(File.Exists(published.PathOf("libcoreclr.so")), "the publish carries its own runtime");
    }

    [Theory]
    [InlineData("functions.metadata")]
    [InlineData("worker.config.json")]
    [InlineData("host.json")]
    public void The_publish_carries_what_the_functions_host_reads(string file) =>
        Assert.True(File.Exists(published.PathOf(file)), $"{file} is missing from the publish");
}
