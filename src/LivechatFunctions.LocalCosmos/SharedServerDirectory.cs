using System.Security.Cryptography;

namespace LivechatFunctions.LocalCosmos;

/// <summary>
/// One npm install of the server per machine and version, instead of one per build output: every project
/// that starts the server copies its launcher files into a cache folder named after their hash, and the
/// (slow, ~20 s) <c>npm ci</c> runs there once.
/// </summary>
internal static class SharedServerDirectory
{
    public const string CacheEnvironmentVariable = "LIVECHAT_COSMOS_SERVER_CACHE";

    public static string Prepare(string sourceDirectory) => Prepare(sourceDirectory, CacheRoot());

    internal static string Prepare(string sourceDirectory, string cacheRoot)
    {
        var files = ServerFiles(sourceDirectory);
        // Names and contents both go into the hash: a patch renamed or added is another server.
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hasher.AppendData(System.Text.Encoding.UTF8.GetBytes(file + "\n"));
            hasher.AppendData(File.ReadAllBytes(Path.Combine(sourceDirectory, file)));
        }

        var hash = Convert.ToHexStringLower(hasher.GetHashAndReset())[..16];
        var target = Path.Combine(cacheRoot, "livechat-functions", "cosmos-server-" + hash);
        foreach (var file in files)
        {
            var destination = Path.Combine(target, file);
            if (File.Exists(destination))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            // Copy then rename, so a process starting at the same moment never sees half a file.
            var temporary = destination + "." + Environment.ProcessId + ".tmp";
            File.Copy(Path.Combine(sourceDirectory, file), temporary, overwrite: true);
            File.Move(temporary, destination, overwrite: true);
        }

        return target;
    }

    /// <summary>
    /// The server's own files (the launcher, its modules under <c>patches/</c>, the npm manifest and lock file),
    /// as paths relative to <paramref name="sourceDirectory"/> in a fixed order. An installed node_modules is not
    /// the server's: npm ci recreates it in the cache folder.
    /// </summary>
    internal static IReadOnlyList<string> ServerFiles(string sourceDirectory) =>
        [.. Directory.EnumerateFiles(sourceDirectory, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(sourceDirectory, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(file => !file.StartsWith("node_modules/", StringComparison.Ordinal)
                && (file.EndsWith(".js", StringComparison.Ordinal) || file.EndsWith(".json", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)];

    private static string CacheRoot()
    {
        var configured = Environment.GetEnvironmentVariable(CacheEnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg))
        {
            return xdg;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? Path.GetTempPath() : Path.Combine(home, ".cache");
    }
}
