using System.CommandLine;

namespace LivechatFunctions.Importer.CommandLine;

/// <summary>The outcome of reading the command line: options to run with, errors to show, or help to print.</summary>
/// <param name="Options">Set when the command line is complete and valid.</param>
/// <param name="Errors">What is wrong with it; empty when nothing is.</param>
/// <param name="Parse">System.CommandLine's own result, which prints help or the version when asked.</param>
public sealed record ParsedCommandLine(ImportOptions? Options, IReadOnlyList<string> Errors, ParseResult Parse)
{
    /// <summary>--help or --version: nothing to import, just something to print.</summary>
    public bool IsInformational => Options is null && Errors.Count == 0;
}
