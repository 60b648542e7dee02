namespace LivechatFunctions.Infra.Tests.Helpers;

/// <summary>
/// A stand-in for the Azure CLI on PATH, so the postprovision hook runs here without Azure. It logs every call, one
/// line of arguments each, and refuses the first N data-plane checks of each kind (as Azure does while a new role
/// assignment has not applied yet), then answers them.
/// </summary>
internal sealed class FakeAzureCli : IDisposable
{
    // Each kind of call counts itself in its own file; refusals exit 1 like az does on a 403.
    private const string Script = """
        #!/bin/sh
        printf '%s\n' "$*" >> "$FAKE_AZ_DIR/calls.log"
        count() { n=$(cat "$FAKE_AZ_DIR/$1" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$FAKE_AZ_DIR/$1"; echo "$n"; }
        case "$1 $2" in
          "storage blob")
            [ "$(count storage)" -gt "${FAKE_AZ_STORAGE_REFUSALS:-0}" ] && exit 0
            echo "ERROR: AuthorizationPermissionMismatch" >&2; exit 1 ;;
          "account get-access-token")
            echo "header.payload.signature"; exit 0 ;;
          "rest --method")
            [ "$(count cosmos)" -gt "${FAKE_AZ_COSMOS_REFUSALS:-0}" ] && exit 0
            echo "Forbidden" >&2; exit 1 ;;
        esac
        echo "fake az: unexpected call: $*" >&2
        exit 3
        """;

    private readonly DirectoryInfo _directory;

    public FakeAzureCli()
    {
        _directory = Directory.CreateTempSubdirectory("fake-az-");
        var az = Path.Combine(_directory.FullName, "az");
        File.WriteAllText(az, Script.ReplaceLineEndings("\n"));
        // The hook is a POSIX shell script; on Windows azd runs wait-for-access.ps1 instead.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string ToolDirectory => _directory.FullName;

    public IReadOnlyList<string> Calls
    {
        get
        {
            var log = Path.Combine(_directory.FullName, "calls.log");
            return File.Exists(log) ? File.ReadAllLines(log) : [];
        }
    }

    /// <summary>Runs a POSIX shell script with the fake first on PATH and the given environment on top of this one's.</summary>
    public ScriptResult RunScript(string script, IReadOnlyDictionary<string, string?> environment)
    {
        var startInfo = ChildProcess.Redirected("sh", [script]);
        startInfo.Environment["PATH"] = $"{_directory.FullName}:{Environment.GetEnvironmentVariable("PATH")}";
        startInfo.Environment["FAKE_AZ_DIR"] = _directory.FullName;
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        return ChildProcess.Run(startInfo, TimeSpan.FromMinutes(1), $"{script} did not finish within a minute.");
    }

    public void Dispose() => _directory.Delete(recursive: true);
}

internal sealed record ScriptResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed);
