using System.Reflection;

namespace LivechatFunctions.Infra.Tests.Helpers;

/// <summary>
/// Runs the Bicep CLIs restored from the Azure.Bicep.CommandLine.linux-x64 package: every version the project file
/// downloads (the oldest and the newest served), the newest by default.
/// </summary>
internal static class BicepCli
{
    private const string PackageRootKey = "BicepPackageRoot";
    private const string VersionsKey = "BicepVersions";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<IReadOnlyList<string>> KnownVersions = new(ReadVersions);

    /// <summary>Every Bicep CLI version the template must compile under, oldest first.</summary>
    public static IReadOnlyList<string> Versions => KnownVersions.Value;

    public static string NewestVersion => Versions[^1];

    public static BicepResult Run(params string[] arguments) => RunVersion(NewestVersion, arguments);

    public static BicepResult RunVersion(string version, params string[] arguments)
    {
        var result = ChildProcess.Run(
            ChildProcess.Redirected(Locate(version), arguments, RepoPaths.Root),
            Timeout,
            $"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        return new BicepResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    private static string[] ReadVersions()
    {
        var versions = Metadata(VersionsKey).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return versions.Length > 0
            ? versions
            : throw new InvalidOperationException($"The test assembly's {VersionsKey} metadata names no Bicep version.");
    }

    private static string Metadata(string key)
    {
        var value = typeof(BicepCli).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value;
        return string.IsNullOrEmpty(value)
            ? throw new InvalidOperationException(
                $"The test assembly has no {key} metadata; restore the test project so the Bicep packages are known.")
            : value;
    }

    private static string Locate(string version)
    {
        var packagePath = Path.Combine(Metadata(PackageRootKey), version);
        var executable = Path.Combine(packagePath, "tools", OperatingSystem.IsWindows() ? "bicep.exe" : "bicep");
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"Bicep CLI {version} is missing from the NuGet cache; restore the test project.", executable);
        }

        // NuGet extracts package files without guaranteeing the execute bit for everyone.
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            var mode = File.GetUnixFileMode(executable);
            if ((mode & execute) != execute)
            {
                File.SetUnixFileMode(executable, mode | execute);
            }
        }

        return executable;
    }
}

internal sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError);
