using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Import;
using LivechatFunctions.Importer.Terminal;

namespace LivechatFunctions.Importer.Tests.Terminal;

public class ProgressDisplayTests
{
    [Fact]
    public void Progress_line_shows_phase_counts_rate_share_and_eta()
    {
        var progress = new ImportProgress { TotalBytes = 1000, Phase = "messages" };
        progress.AddBytes(250);
        var tally = new ImportTally();
        for (var i = 0; i < 100; i++)
        {
            tally.AddWritten(DocumentKind.Message);
        }

        Assert.Equal(
            "messages | rooms 0, messages 100, tokens 0 | 10 docs/s | 25% | ETA 0:00:30",
            ProgressDisplay.Describe(progress, tally, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Eta_is_unknown_before_anything_is_read() =>
        Assert.EndsWith("ETA ?", ProgressDisplay.Describe(new ImportProgress { TotalBytes = 10 }, new ImportTally(), TimeSpan.FromSeconds(1)), StringComparison.Ordinal);

    [Fact]
    public void Durations_over_a_day_count_hours() =>
        Assert.Equal("27:03:04", ProgressDisplay.FormatDuration(new TimeSpan(1, 3, 3, 4)));

    [Fact]
    public void Terminal_status_line_is_cleared_before_other_output()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new ImportConsole(output, error, isTerminal: true);
        console.Status("reading 10%");
        console.WriteLine("done");
        Assert.Equal("\rreading 10%\r           \rdone" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void Status_lines_are_not_drawn_when_output_is_redirected()
    {
        using var output = new StringWriter();
        var console = new ImportConsole(output, TextWriter.Null, isTerminal: false);
        console.Status("reading 10%");
        Assert.Empty(output.ToString());
    }
}
