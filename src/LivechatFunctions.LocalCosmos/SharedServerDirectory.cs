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

    private static readonly string[] ServerFiles = ["launcher.js", "package.json", "package-lock.json"];

    public static string Prepare(string sourceDirectory)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(
            ServerFiles.SelectMany(file => File.ReadAllBytes(Path.Combine(sourceDirectory, file))).ToArray()))[..16];
        var target = Path.Combine(CacheRoot(), "livechat-functions", "cosmos-server-" + hash);
        Directory.CreateDirectory(target);
        foreach (var file in ServerFiles)
        {
            var destination = Path.Combine(target, file);
            if (File.Exists(destination))
            {
                continue;
            }

            // Copy then rename, so a process starting at the same moment never sees half a file.
            var temporary = destination + "." + Environment.ProcessId + ".tmp";
            File.Copy(Path.Combine(sourceDirectory, file), temporary, overwrite: true);
            File.Move(temporary, destination, overwrite: true);
        }

        return target;
    }

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
