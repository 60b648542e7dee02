using System.Text.Json;

namespace LivechatFunctions.Infra.Tests.Helpers;

/// <summary>
/// What a deployment of main.bicep with given parameters would create, as `bicep snapshot` predicts it offline:
/// conditions and loops are evaluated, so a resource behind a false condition is simply absent. Values that
/// depend on deployed resources stay ARM expressions.
/// </summary>
internal sealed class DeploymentSnapshot
{
    private const string SubscriptionId = "00000000-0000-0000-0000-000000000001";
    private const string ResourceGroup = "rg-livechat-test";
    private const string Location = "westeurope";

    private DeploymentSnapshot(JsonElement root)
    {
        Resources = [.. root.GetProperty("predictedResources").EnumerateArray()];
        Outputs = root.GetProperty("outputs");
    }

    public IReadOnlyList<JsonElement> Resources { get; }

    public JsonElement Outputs { get; }

    /// <summary>Snapshots main.bicep with environmentName "test" and <paramref name="parameters"/> (string values).</summary>
    public static DeploymentSnapshot OfMain(IReadOnlyDictionary<string, string> parameters)
    {
        var directory = Directory.CreateTempSubdirectory("bicep-snapshot-");
        try
        {
            // A .bicepparam file must name its template by a relative path.
            var template = Path.GetRelativePath(directory.FullName, RepoPaths.MainBicep).Replace('\\', '/');
            var lines = new List<string> { $"using '{template}'", "param environmentName = 'test'", $"param location = '{Location}'" };
            lines.AddRange(parameters.Select(p => $"param {p.Key} = '{p.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'"));
            var parametersFile = Path.Combine(directory.FullName, "snapshot.bicepparam");
            File.WriteAllLines(parametersFile, lines);

            var result = BicepCli.Run(
                "snapshot", parametersFile, "--mode", "overwrite",
                "--subscription-id", SubscriptionId, "--resource-group", ResourceGroup, "--location", Location);
            var snapshotFile = Path.Combine(directory.FullName, "snapshot.snapshot.json");
            if (result.ExitCode != 0 || !File.Exists(snapshotFile))
            {
                throw new InvalidOperationException($"bicep snapshot failed ({result.ExitCode}):{Environment.NewLine}{result.StandardOutput}{result.StandardError}");
            }

            using var document = JsonDocument.Parse(File.ReadAllText(snapshotFile));
            return new DeploymentSnapshot(document.RootElement.Clone());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public IEnumerable<JsonElement> OfType(string type) =>
        Resources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));
}
