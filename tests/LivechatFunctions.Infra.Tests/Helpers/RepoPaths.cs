namespace LivechatFunctions.Infra.Tests.Helpers;

/// <summary>Locates files of the repository the tests run from.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The directory holding LivechatFunctions.sln.</summary>
    public static string Root => RootPath.Value;

    public static string Infra => Path.Combine(Root, "infra");

    public static string MainBicep => Path.Combine(Infra, "main.bicep");

    /// <summary>The linter configuration users deploy with (every rule reports, none stops a deployment).</summary>
    public static string DeployedLinterConfig => Path.Combine(Infra, "bicepconfig.json");

    /// <summary>The linter configuration CI compiles with: every rule an error.</summary>
    public static string StrictLinterConfig =>
        Path.Combine(Root, "tests", "LivechatFunctions.Infra.Tests", "StrictLinter", "bicepconfig.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LivechatFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No LivechatFunctions.sln in {AppContext.BaseDirectory} or any directory above it.");
    }
}
