namespace LivechatFunctions.Infra.Tests.Helpers;

/// <summary>Runs the dotnet CLI from the repository root, as azd and CI do.</summary>
internal static class DotnetCli
{
    public static ScriptResult Run(TimeSpan timeout, params string[] arguments)
    {
        var startInfo = ChildProcess.Redirected("dotnet", arguments, RepoPaths.Root);
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        // The test host's own MSBuild settings must not leak into a nested build.
        startInfo.Environment.Remove("MSBuildExtensionsPath");
        startInfo.Environment.Remove("MSBuildSDKsPath");
        startInfo.Environment.Remove("MSBUILD_EXE_PATH");

        return ChildProcess.Run(startInfo, timeout, $"dotnet {string.Join(' ', arguments)} did not finish within {timeout}.");
    }
}
