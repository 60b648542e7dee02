namespace LivechatFunctions.Infra.Tests.Helpers;

/// <summary>
/// A copy of infra/ in a temporary directory with the strict linter configuration in place of the deployed one, so
/// a build there fails on any linter finding while users' builds of infra/ only report them. Bicep reads the
/// bicepconfig.json nearest to the file it compiles, and nothing else differs between the two.
/// </summary>
internal sealed class StrictInfraCopy : IDisposable
{
    private readonly DirectoryInfo _root;

    public StrictInfraCopy()
    {
        _root = Directory.CreateTempSubdirectory("bicep-strict-");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Infra, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_root.FullName, Path.GetRelativePath(RepoPaths.Infra, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // Nested configurations would win over the root one for the files below them.
        foreach (var nested in Directory.EnumerateFiles(_root.FullName, "bicepconfig.json", SearchOption.AllDirectories))
        {
            File.Delete(nested);
        }

        File.Copy(RepoPaths.StrictLinterConfig, Path.Combine(_root.FullName, "bicepconfig.json"));
    }

    /// <summary>The copy of a file given by its path relative to infra/.</summary>
    public string PathOf(string relativeToInfra) => Path.Combine(_root.FullName, relativeToInfra);

    public void Dispose() => _root.Delete(recursive: true);
}
