using LivechatFunctions.Importer.CommandLine;
using LivechatFunctions.Importer.Tests.TestData;

namespace LivechatFunctions.Importer.Tests.CommandLine;

public sealed class ImportCommandLineTests : IDisposable
{
    private const string Local = "https://127.0.0.1:8081/";
    private readonly TempDirectory _files = new();
    private readonly string _rooms;
    private readonly string _messages;
    private readonly string _users;

    public ImportCommandLineTests()
    {
        _rooms = _files.File("rooms.jsonl", "");
        _messages = _files.File("messages.jsonl", "");
        _users = _files.File("users.jsonl", "");
    }

    public void Dispose() => _files.Dispose();

    private static ParsedCommandLine Parse(params string[] args) => ImportCommandLine.Parse(args);

    private static void AssertError(ParsedCommandLine parsed, string fragment)
    {
        Assert.Null(parsed.Options);
        Assert.Contains(parsed.Errors, e => e.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_follow_the_spec_and_rocket_chat()
    {
        var options = Parse("--endpoint", Local, "--rooms", _rooms).Options!;
        Assert.Equal(("livechat", "rooms", "tokens"), (options.DatabaseName, options.RoomsContainerName, options.TokensContainerName));
        Assert.Equal((90, 100, true), (options.LoginExpirationDays, options.Concurrency, options.UseBulk));
        Assert.False(options.Strict || options.DryRun || options.CreateContainers);
    }

    [Fact]
    public void Every_option_is_read()
    {
        var options = Parse(
            "--endpoint", Local, "--key", "k", "--database", "db", "--rooms-container", "rc", "--tokens-container", "tc",
            "--rooms", _rooms, "--messages", _messages, "--users", _users, "--department-agents", _users,
            "--login-expiration-days", "30", "--concurrency", "8", "--strict", "--create-containers", "--no-bulk").Options!;
        Assert.Equal(new Uri(Local), options.Endpoint);
        Assert.Equal(("k", "db", "rc", "tc"), (options.Key, options.DatabaseName, options.RoomsContainerName, options.TokensContainerName));
        Assert.Equal((_rooms, _messages, _users, _users), (options.RoomsFile, options.MessagesFile, options.UsersFile, options.DepartmentAgentsFile));
        Assert.Equal((30, 8), (options.LoginExpirationDays, options.Concurrency));
        Assert.True(options.Strict && options.CreateContainers && !options.UseBulk);
    }

    [Fact]
    public void Managed_identity_client_id_is_read() =>
        Assert.Equal("cid", Parse("--endpoint", "https://a.documents.azure.com:443/", "--managed-identity-client-id", "cid", "--users", _users).Options!.ManagedIdentityClientId);

    [Fact]
    public void Unknown_option_is_an_error() => AssertError(Parse("--endpoint", Local, "--rooms", _rooms, "--bogus"), "--bogus");

    [Fact]
    public void Concurrency_that_is_not_a_number_is_an_error() => Assert.NotEmpty(Parse("--endpoint", Local, "--rooms", _rooms, "--concurrency", "many").Errors);

    [Fact]
    public void Endpoint_is_required_to_write() => AssertError(Parse("--rooms", _rooms), "--endpoint is required");

    [Fact]
    public void Dry_run_needs_no_endpoint() => Assert.NotNull(Parse("--dry-run", "--rooms", _rooms).Options);

    [Fact]
    public void Endpoint_must_be_an_absolute_url() => AssertError(Parse("--endpoint", "localhost:8081", "--rooms", _rooms), "absolute https URL");

    [Fact]
    public void Key_for_an_azure_endpoint_is_refused() =>
        AssertError(Parse("--endpoint", "https://a.documents.azure.com:443/", "--key", "k", "--rooms", _rooms), "loopback");

    [Theory]
    [InlineData("https://127.0.0.1:8081/")]
    [InlineData("https://localhost:8081/")]
    [InlineData("https://[::1]:8081/")]
    public void Key_for_a_loopback_endpoint_is_accepted(string endpoint) =>
        Assert.NotNull(Parse("--endpoint", endpoint, "--key", "k", "--rooms", _rooms).Options);

    [Fact]
    public void Key_and_managed_identity_exclude_each_other() =>
        AssertError(Parse("--endpoint", Local, "--key", "k", "--managed-identity-client-id", "c", "--rooms", _rooms), "exclude");

    [Fact]
    public void Creating_containers_in_azure_is_refused() =>
        AssertError(Parse("--endpoint", "https://a.documents.azure.com:443/", "--create-containers", "--rooms", _rooms), "infra/main.bicep");

    [Fact]
    public void Something_to_import_is_required() => AssertError(Parse("--endpoint", Local), "Nothing to import");

    [Fact]
    public void Messages_need_rooms() => AssertError(Parse("--endpoint", Local, "--messages", _messages, "--users", _users), "--messages needs --rooms");

    [Fact]
    public void Department_agents_need_users() => AssertError(Parse("--endpoint", Local, "--rooms", _rooms, "--department-agents", _users), "--department-agents needs --users");

    [Fact]
    public void Missing_file_is_an_error() => AssertError(Parse("--endpoint", Local, "--rooms", _rooms + ".missing"), "file not found");

    [Theory]
    [InlineData("--concurrency", "0")]
    [InlineData("--concurrency", "1001")]
    [InlineData("--login-expiration-days", "0")]
    public void Out_of_range_numbers_are_errors(string option, string value) =>
        AssertError(Parse("--endpoint", Local, "--rooms", _rooms, option, value), option);

    [Fact]
    public void Help_is_informational() => Assert.True(Parse("--help").IsInformational);

    [Fact]
    public void Removing_absent_users_is_off_by_default() =>
        Assert.False(Parse("--endpoint", Local, "--users", _users).Options!.RemoveAbsentUsers);

    [Fact]
    public void Remove_absent_users_is_read() =>
        Assert.True(Parse("--endpoint", Local, "--users", _users, "--remove-absent-users").Options!.RemoveAbsentUsers);

    [Fact]
    public void Remove_absent_users_needs_a_users_export() =>
        AssertError(Parse("--endpoint", Local, "--rooms", _rooms, "--remove-absent-users"), "--remove-absent-users needs --users");

    [Fact]
    public void Dry_run_may_read_a_store() =>
        Assert.Equal(new Uri(Local), Parse("--dry-run", "--endpoint", Local, "--rooms", _rooms).Options!.Endpoint);

    [Fact]
    public void Dry_run_does_not_create_containers() =>
        AssertError(Parse("--dry-run", "--endpoint", Local, "--create-containers", "--rooms", _rooms), "--create-containers writes");

    [Fact]
    public void Dry_run_sends_a_key_to_a_loopback_endpoint_only() =>
        AssertError(Parse("--dry-run", "--endpoint", "https://account.documents.azure.com:443/", "--key", "k", "--rooms", _rooms), "--key is accepted only");
}
