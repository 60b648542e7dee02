namespace LivechatFunctions.LocalCosmos.Tests;

internal static class TestTimeout
{
    /// <summary>
    /// Bounds a single test so a hung server fails it instead of the whole run. Roomy, because on a
    /// fresh machine the first start includes npm ci (about 20 s here, slower on a busy CI box).
    /// </summary>
    public static CancellationTokenSource Start() => new(TimeSpan.FromMinutes(3));
}
