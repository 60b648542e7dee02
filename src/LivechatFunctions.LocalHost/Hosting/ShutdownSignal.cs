using System.Runtime.InteropServices;

namespace LivechatFunctions.LocalHost.Hosting;

/// <summary>
/// Ctrl+C (SIGINT) or SIGTERM, caught so the process can stop what it started before it exits, instead of the
/// runtime ending it on the spot.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _received = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal()
    {
        _registrations = [Register(PosixSignal.SIGINT), Register(PosixSignal.SIGTERM)];
    }

    /// <summary>Cancelled once either signal arrives.</summary>
    public CancellationToken Token => _received.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _received.Dispose();
    }

    private PosixSignalRegistration Register(PosixSignal signal) => PosixSignalRegistration.Create(signal, context =>
    {
        context.Cancel = true;
        _received.Cancel();
    });
}
