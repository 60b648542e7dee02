using LivechatFunctions.Importer.Export;
using LivechatFunctions.Importer.Import;
using LivechatFunctions.Importer.Tests.TestData;

namespace LivechatFunctions.Importer.Tests.Import;

public sealed class UsersExportCheckTests : IDisposable
{
    // Users as mongoexport writes them with the --fields of docs/importing.md: a user who never logged in has no services.
    private const string LoggedIn = """{"_id":"u1","username":"ana","active":true,"roles":["user"],"services":{"resume":{"loginTokens":[]}}}""";
    private const string NeverLoggedIn = """{"_id":"bot1","username":"bot","active":true,"roles":["bot"]}""";
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private Task CheckAsync(bool everyLineMustBeReadable, params string[] lines) =>
        UsersExportCheck.CheckAsync(_files.File("users.jsonl", string.Join('\n', lines) + "\n"), everyLineMustBeReadable, CancellationToken.None);

    [Fact]
    public async Task An_export_with_the_fields_passes() => await CheckAsync(false, NeverLoggedIn, LoggedIn);

    [Fact]
    public async Task An_export_without_active_is_refused_with_the_export_command()
    {
        var error = await Assert.ThrowsAsync<InvalidExportException>(() => CheckAsync(false, """{"_id":"u1","username":"ana","roles":["user"],"services":{"resume":{"loginTokens":[]}}}"""));
        Assert.StartsWith("users.jsonl:1: the users export has no 'active'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--fields _id,username,active,roles,services.resume.loginTokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_without_roles_is_refused() =>
        Assert.Contains("no 'roles'", (await Assert.ThrowsAsync<InvalidExportException>(() => CheckAsync(false, """{"_id":"u1","active":true}"""))).Message, StringComparison.Ordinal);

    [Fact]
    public async Task An_export_in_which_no_user_has_login_tokens_is_refused() =>
        Assert.Contains(
            "no 'services.resume.loginTokens' on any user",
            (await Assert.ThrowsAsync<InvalidExportException>(() => CheckAsync(false, NeverLoggedIn, NeverLoggedIn))).Message,
            StringComparison.Ordinal);

    [Fact]
    public async Task A_malformed_line_is_left_to_the_import_without_remove_absent_users() =>
        await CheckAsync(false, LoggedIn, "{not json");

    [Fact]
    public async Task A_malformed_line_refuses_remove_absent_users() =>
        Assert.StartsWith(
            "users.jsonl:2: malformed line",
            (await Assert.ThrowsAsync<InvalidExportException>(() => CheckAsync(true, LoggedIn, "{not json"))).Message,
            StringComparison.Ordinal);

    [Fact]
    public async Task A_user_without_an_id_refuses_remove_absent_users() =>
        await Assert.ThrowsAsync<InvalidExportException>(() => CheckAsync(true, LoggedIn, """{"active":true,"roles":[]}"""));

    [Fact]
    public async Task An_empty_export_refuses_remove_absent_users() =>
        Assert.Contains("has no users", (await Assert.ThrowsAsync<InvalidExportException>(() => CheckAsync(true, string.Empty))).Message, StringComparison.Ordinal);
}
