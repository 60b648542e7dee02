namespace LivechatFunctions.LocalCosmos.Tests;

/// <summary>The per-machine copy of the server holds every file the launcher loads.</summary>
public sealed class SharedServerDirectoryTests
{
    private static readonly string BuiltServer = Path.Combine(AppContext.BaseDirectory, CosmosServerProcess.DefaultServerFolderName);

    [Fact]
    public void The_build_copies_every_patch_module_the_launcher_requires()
    {
        var launcher = File.ReadAllText(Path.Combine(BuiltServer, "launcher.js"));
        var required = System.Text.RegularExpressions.Regex.Matches(launcher, """require\("\./([^"]+)"\)""")
            .Select(match => match.Groups[1].Value + ".js");

        Assert.All(required, module => Assert.True(File.Exists(Path.Combine(BuiltServer, module)), module));
    }

    [Fact]
    public void The_cached_copy_holds_the_launcher_its_modules_and_the_package_files()
    {
        var files = SharedServerDirectory.ServerFiles(BuiltServer);

        Assert.Contains("launcher.js", files);
        Assert.Contains("package-lock.json", files);
        Assert.Contains("patches/offset-limit.js", files);
        Assert.DoesNotContain(files, file => file.StartsWith("node_modules/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_patch_is_copied_into_a_new_cache_folder()
    {
        var cache = Directory.CreateTempSubdirectory("server-cache-");
        var source = Directory.CreateTempSubdirectory("server-source-");
        try
        {
            Directory.CreateDirectory(Path.Combine(source.FullName, "patches"));
            File.WriteAllText(Path.Combine(source.FullName, "launcher.js"), "// launcher");
            File.WriteAllText(Path.Combine(source.FullName, "patches", "one.js"), "// first");
            var first = SharedServerDirectory.Prepare(source.FullName, cache.FullName);

            File.WriteAllText(Path.Combine(source.FullName, "patches", "one.js"), "// second");
            var second = SharedServerDirectory.Prepare(source.FullName, cache.FullName);

            Assert.NotEqual(first, second);
            Assert.Equal("// second", File.ReadAllText(Path.Combine(second, "patches", "one.js")));
        }
        finally
        {
            cache.Delete(recursive: true);
            source.Delete(recursive: true);
        }
    }
}
