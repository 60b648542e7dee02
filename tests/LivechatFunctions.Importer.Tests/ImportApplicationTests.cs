using LivechatFunctions.Importer.Store;
using LivechatFunctions.Importer.Terminal;
using LivechatFunctions.Importer.Tests.TestData;

namespace LivechatFunctions.Importer.Tests;

public sealed class ImportApplicationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _files = new();
    private readonly SampleExport _export;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public ImportApplicationTests() => _export = new SampleExport(_files.Path, Now);

    public void Dispose()
    {
        _files.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    private Task<int> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        ImportApplication.RunAsync(args, new ImportConsole(_output, _error, isTerminal: false), new FixedClock(Now), new StoreRetryPolicy([]), cancellationToken);

    private Task<int> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    private string[] DryRun(params string[] extra) =>
        ["--dry-run", "--rooms", _export.RoomsFile, "--messages", _export.MessagesFile, "--users", _export.UsersFile, "--department-agents", _export.DepartmentAgentsFile, .. extra];

    /// <summary>What a dry run of the whole sample export prints on standard output.</summary>
    private async Task<string> DryRunOutputAsync()
    {
        await RunAsync(DryRun());
        return _output.ToString();
    }

    [Fact]
    public async Task Dry_run_needs_no_endpoint_and_exits_0() => Assert.Equal(ExitCodes.Success, await RunAsync(DryRun()));

    [Fact]
    public async Task Dry_run_says_what_would_be_written_per_kind()
    {
        var output = await DryRunOutputAsync();
        Assert.Contains("Dry run completed", output, StringComparison.Ordinal);
        Assert.Matches(@"would write\s+rooms\s+4\s+messages\s+7\s+tokens\s+3", output);
    }

    [Fact]
    public async Task Dry_run_summary_lists_the_skip_reasons()
    {
        var output = await DryRunOutputAsync();
        Assert.Matches(@"users\s+1\s+not active", output);
        Assert.Matches(@"tokens\s+1\s+expired", output);
    }

    [Fact]
    public async Task Dry_run_shows_sample_documents_with_shortened_token_ids()
    {
        var output = await DryRunOutputAsync();
        var digest = LivechatFunctions.Authentication.TokenDigest.Compute(SampleExport.AgentToken);
        Assert.Contains("Sample documents", output, StringComparison.Ordinal);
        Assert.Contains($"\"id\": \"{digest[..6]}…{digest[^4..]}\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain(digest, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_masks_visitor_tokens_in_sample_documents()
    {
        var output = await DryRunOutputAsync();
        Assert.Contains("\"token\": \"vt…\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("vt-maria", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_without_a_store_shows_the_deletions_it_cannot_check()
    {
        var output = await DryRunOutputAsync();
        Assert.Contains("would delete where present (without --endpoint a dry run cannot see the store)", output, StringComparison.Ordinal);
        Assert.Matches(@"tokens\s+\?\s+no longer listed for its user.*\(3 users to check\)", output);
        Assert.Matches(@"tokens\s+\?\s+its user is deactivated.*\(1 users to check\)", output);
    }

    [Fact]
    public async Task Dry_run_without_a_store_counts_the_hidden_messages_whose_documents_go_where_present()
    {
        var messages = _files.File("hidden.jsonl", File.ReadAllText(_export.MessagesFile)
            .Replace("{\"_id\":\"msg-m1-2\",", "{\"_id\":\"msg-m1-2\",\"_hidden\":true,", StringComparison.Ordinal));
        await RunAsync("--dry-run", "--rooms", _export.RoomsFile, "--messages", messages);
        Assert.Matches(@"where present.*\s+messages\s+1\s+hidden in Rocket.Chat", _output.ToString());
    }

    [Fact]
    public async Task Users_export_without_the_fields_the_import_needs_exits_3_with_the_command_to_use()
    {
        var users = _files.File("no-active.jsonl", File.ReadAllText(_export.UsersFile).Replace("\"active\":true,", string.Empty, StringComparison.Ordinal));
        Assert.Equal(ExitCodes.InvalidInput, await RunAsync("--dry-run", "--users", users));
        Assert.Contains("--fields _id,username,active,roles,services.resume.loginTokens", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_lines_are_reported_on_the_error_output_with_file_and_line()
    {
        await RunAsync(DryRun());
        Assert.Contains("rooms.jsonl:5: malformed line skipped", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_makes_a_malformed_line_exit_3()
    {
        Assert.Equal(ExitCodes.InvalidInput, await RunAsync(DryRun("--strict")));
        Assert.Contains("Import STOPPED", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_error_exits_2_and_points_to_help()
    {
        Assert.Equal(ExitCodes.Usage, await RunAsync("--rooms", _export.RoomsFile));
        Assert.Contains("--help", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_exits_0_and_lists_the_options()
    {
        Assert.Equal(ExitCodes.Success, await RunAsync("--help"));
        Assert.Contains("--login-expiration-days", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_store_exits_1_before_writing_anything()
    {
        Assert.Equal(ExitCodes.Failed, await RunAsync("--endpoint", "https://127.0.0.1:9/", "--key", LivechatFunctions.LocalCosmos.CosmosServerProcess.WellKnownKey, "--rooms", _export.RoomsFile));
        Assert.Contains("Nothing was written", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_exits_130_with_a_summary()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        Assert.Equal(ExitCodes.Cancelled, await RunAsync(cancelled.Token, DryRun()));
        Assert.Contains("Import CANCELLED", _output.ToString(), StringComparison.Ordinal);
    }
}
