using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>
/// The function project published once, exactly as azd publishes it for `azd deploy`:
/// `dotnet publish &lt;project&gt; -c Release --output &lt;dir&gt;`, no runtime identifier (azure-dev's dotnet.Cli.Publish).
/// </summary>
public sealed class PublishedAppFixture : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("livechat-publish-");

    public PublishedAppFixture()
    {
        var project = Path.Combine(RepoPaths.Root, "src", "LivechatFunctions");
        var result = DotnetCli.Run(TimeSpan.FromMinutes(15), "publish", project, "-c", "Release", "--output", _output.FullName);
        ExitCode = result.ExitCode;
        Output = result.StandardOutput + result.StandardError;
    }

    public int ExitCode { get; }

    /// <summary>What dotnet publish printed.</summary>
    public string Output { get; }

    public string OutputDirectory => _output.FullName;

    public string PathOf(string file) => Path.Combine(_output.FullName, file);

    public void Dispose() => _output.Delete(recursive: true);
}
