using LivechatFunctions.Infra.Tests.Helpers;

namespace LivechatFunctions.Infra.Tests;

/// <summary>
/// infra/hooks/wait-for-access.sh, the postprovision hook, against a fake Azure CLI: it polls the data plane until
/// both checks pass, within a bounded wait, and never sleeps blindly.
/// </summary>
public sealed class WaitForAccessHookTests : IDisposable
{
    private static readonly string Hook = Path.Combine(RepoPaths.Infra, "hooks", "wait-for-access.sh");

    private readonly FakeAzureCli _az = new();

    public void Dispose() => _az.Dispose();

    [Fact]
    public void Access_already_in_place_passes_at_once_with_one_check_each()
    {
        var result = Run();

        Assert.Equal(0, result.ExitCode);
        Assert.Single(_az.Calls, c => c.StartsWith("storage blob list", StringComparison.Ordinal));
        Assert.Single(_az.Calls, c => c.StartsWith("rest ", StringComparison.Ordinal));
        Assert.Contains("access is in place", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_checks_are_repeated_until_storage_and_cosmos_answer()
    {
        var result = Run(new() { ["FAKE_AZ_STORAGE_REFUSALS"] = "2", ["FAKE_AZ_COSMOS_REFUSALS"] = "3" });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, _az.Calls.Count(c => c.StartsWith("storage blob list", StringComparison.Ordinal)));
        Assert.Equal(4, _az.Calls.Count(c => c.StartsWith("rest ", StringComparison.Ordinal)));
    }

    [Fact]
    public void While_it_waits_it_says_what_is_still_refused_and_for_how_long_it_will_wait()
    {
        var result = Run(new() { ["FAKE_AZ_COSMOS_REFUSALS"] = "1" });

        Assert.Contains(
            "waiting for role assignments to apply: Blob Storage ready, Cosmos DB waiting (",
            result.StandardOutput,
            StringComparison.Ordinal);
        Assert.Contains(" s of 30 s)", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wait_is_bounded_and_names_the_check_that_never_passed()
    {
        var result = Run(new() { ["FAKE_AZ_COSMOS_REFUSALS"] = "1000", ["ACCESS_WAIT_TIMEOUT_SECONDS"] = "2", ["ACCESS_WAIT_INTERVAL_SECONDS"] = "1" });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("gave up after 2 s: Blob Storage ready, Cosmos DB waiting", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("run azd deploy in a few minutes", result.StandardError, StringComparison.Ordinal);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20), $"took {result.Elapsed}");
    }

    [Fact]
    public void A_storage_check_that_passed_is_not_repeated()
    {
        Run(new() { ["FAKE_AZ_COSMOS_REFUSALS"] = "2" });

        Assert.Single(_az.Calls, c => c.StartsWith("storage blob list", StringComparison.Ordinal));
    }

    [Fact]
    public void The_storage_check_lists_the_package_container_with_an_entra_id_token()
    {
        Run();

        var call = Assert.Single(_az.Calls, c => c.StartsWith("storage blob list", StringComparison.Ordinal));
        Assert.Contains("--account-name stfake --container-name app-package", call, StringComparison.Ordinal);
        Assert.Contains("--auth-mode login", call, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cosmos_check_reads_the_database_with_cosmos_entra_id_authorization()
    {
        Run();

        Assert.Single(_az.Calls, c => c.StartsWith("account get-access-token --resource https://cosmos.azure.com", StringComparison.Ordinal));
        var call = Assert.Single(_az.Calls, c => c.StartsWith("rest ", StringComparison.Ordinal));
        Assert.Contains("--url https://cosmos-fake.documents.azure.com:443/dbs/livechat ", call, StringComparison.Ordinal);
        Assert.Contains("--skip-authorization-header", call, StringComparison.Ordinal);
        Assert.Contains("Authorization=type%3Daad%26ver%3D1.0%26sig%3Dheader.payload.signature", call, StringComparison.Ordinal);
        Assert.Contains("x-ms-version=2018-12-31", call, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_deploying_principal_there_is_nothing_to_check_and_no_wait()
    {
        var result = Run(new() { ["AZURE_PRINCIPAL_ID"] = "" });

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(_az.Calls);
    }

    [Fact]
    public void A_missing_template_output_stops_the_hook_with_its_name()
    {
        var result = Run(new() { ["COSMOS_ENDPOINT"] = "" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("COSMOS_ENDPOINT is not set", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(_az.Calls);
    }

    private ScriptResult Run(Dictionary<string, string?>? overrides = null)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AZURE_PRINCIPAL_ID"] = "00000000-0000-0000-0000-0000000000aa",
            ["AZURE_STORAGE_ACCOUNT_NAME"] = "stfake",
            ["AZURE_DEPLOYMENT_CONTAINER_NAME"] = "app-package",
            ["COSMOS_ENDPOINT"] = "https://cosmos-fake.documents.azure.com:443/",
            ["COSMOS_DATABASE_NAME"] = "livechat",
            ["ACCESS_WAIT_TIMEOUT_SECONDS"] = "30",
            ["ACCESS_WAIT_INTERVAL_SECONDS"] = "0",
        };
        foreach (var (name, value) in overrides ?? [])
        {
            environment[name] = value;
        }

        return _az.RunScript(Hook, environment);
    }
}
