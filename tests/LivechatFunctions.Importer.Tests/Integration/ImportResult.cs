namespace LivechatFunctions.Importer.Tests.Integration;

/// <summary>What one importer run printed and returned.</summary>
public sealed record ImportResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{Output}{Environment.NewLine}{Error}";
}
