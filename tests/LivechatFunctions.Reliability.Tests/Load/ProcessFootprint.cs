using System.Diagnostics;
using System.Globalization;

namespace LivechatFunctions.Reliability.Tests.Load;

/// <summary>What this process holds at one moment: managed heap after a full collection, working set, handles, threads.</summary>
/// <param name="ManagedBytes">GC.GetTotalMemory after forced full collections.</param>
/// <param name="WorkingSetBytes">The process's resident memory.</param>
/// <param name="Handles">Open file descriptors (/proc/self/fd) on Linux, Process.HandleCount elsewhere.</param>
/// <param name="Threads">Operating-system threads of the process.</param>
public sealed record ProcessFootprint(long ManagedBytes, long WorkingSetBytes, int Handles, int Threads)
{
    public static ProcessFootprint Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        var handles = OperatingSystem.IsLinux() ? Directory.GetFileSystemEntries("/proc/self/fd").Length : process.HandleCount;
        return new ProcessFootprint(managed, process.WorkingSet64, handles, process.Threads.Count);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"managed {ManagedBytes / 1048576.0,7:F1} MB | working set {WorkingSetBytes / 1048576.0,7:F1} MB | handles {Handles,5} | threads {Threads,4}");
}
