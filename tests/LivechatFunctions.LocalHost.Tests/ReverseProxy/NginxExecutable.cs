namespace LivechatFunctions.LocalHost.Tests.ReverseProxy;

/// <summary>Finds Debian's nginx binary; decides whether its absence skips the tests or fails them.</summary>
internal static class NginxExecutable
{
    // Debian installs nginx in /usr/sbin, which a non-root user's PATH often lacks.
    private static readonly string[] WellKnownPaths = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"];

    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "nginx"))
            .Concat(WellKnownPaths)
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// The binary's path. Without nginx the test is skipped on a developer machine; under CI (the CI variable set),
    /// where .ci/run installs nginx, a missing binary is a failure.
    /// </summary>
    public static string Require()
    {
        var path = Find();
        if (path is not null)
        {
            return path;
        }

        const string Missing = "nginx is not installed (Debian: apt-get install -y nginx); the reverse-proxy tests need it.";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail(Missing + " CI sets it up in .ci/run, so here it is an error.");
        }

        Skip.If(true, Missing);
        return string.Empty;
    }
}
