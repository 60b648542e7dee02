using System.Collections.Concurrent;

namespace LivechatFunctions.LocalHost.Tests.ReverseProxy;

/// <summary>One nginx rig per function upstream, started on first use and stopped with the test class.</summary>
public sealed class NginxRigs : IAsyncLifetime
{
    private readonly ConcurrentDictionary<Uri, Lazy<Task<ProxyRig>>> _rigs = new();

    internal Task<ProxyRig> ForAsync(Uri functionUpstream) =>
        _rigs.GetOrAdd(functionUpstream, upstream => new Lazy<Task<ProxyRig>>(() => ProxyRig.StartAsync(upstream))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    // xunit 2 disposes fixtures through IAsyncLifetime, not IAsyncDisposable.
    public async Task DisposeAsync()
    {
        foreach (var rig in _rigs.Values.Where(r => r.IsValueCreated))
        {
            try
            {
                await (await rig.Value).DisposeAsync();
            }
            catch (SkipException)
            {
                // nginx was missing: nothing was started.
            }
        }
    }
}
