using System.ComponentModel;
using System.Diagnostics;

namespace LivechatFunctions.LocalCosmos;

internal static class ProcessKiller
{
    /// <summary>Kills a child and its descendants; a child that is already gone is not an error.</summary>
    public static void KillTree(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        catch (Win32Exception)
        {
            // It exited, or is exiting, and can no longer be signalled.
        }
    }
}
