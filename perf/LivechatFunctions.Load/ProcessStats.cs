using System.Diagnostics;
using System.Globalization;

namespace LivechatFunctions.Load;

/// <summary>CPU time and resident memory of one process, read when asked.</summary>
public sealed class ProcessStats(Process process)
{
    public int Id { get; } = process.Id;

    public static ProcessStats Current() => new(Process.GetCurrentProcess());

    /// <summary>The process's own CPU time so far (user and kernel), or zero once it has gone.</summary>
    public TimeSpan CpuTime()
    {
        try
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>Working set (resident memory) in MiB.</summary>
    public double WorkingSetMiB()
    {
        try
        {
            process.Refresh();
            return process.WorkingSet64 / (1024.0 * 1024.0);
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    /// <summary>
    /// The child of <paramref name="parentId"/> whose command line contains <paramref name="marker"/>, found in
    /// /proc (Linux only; elsewhere, or when there is none, <c>null</c>).
    /// </summary>
    public static ProcessStats? FindChild(int parentId, string marker)
    {
        var tasks = $"/proc/{parentId}/task";
        if (!Directory.Exists(tasks))
        {
            return null;
        }

        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            var childrenFile = Path.Combine(task, "children");
            if (!File.Exists(childrenFile))
            {
                continue;
            }

            foreach (var pid in File.ReadAllText(childrenFile).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var commandLine = $"/proc/{pid}/cmdline";
                if (File.Exists(commandLine) && File.ReadAllText(commandLine).Contains(marker, StringComparison.Ordinal))
                {
                    return new ProcessStats(Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture)));
                }
            }
        }

        return null;
    }
}
