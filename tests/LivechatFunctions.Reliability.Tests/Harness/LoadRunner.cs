using System.Diagnostics;

namespace LivechatFunctions.Reliability.Tests.Harness;

/// <summary>
/// A fixed number of workers each running one step after another until stopped: steady concurrency. New steps
/// can be held (<see cref="PauseAsync"/>) while those under way finish. Only loopback addresses are ever targeted
/// by the steps these tests give it, and every run is bounded by the test that starts it.
/// </summary>
public sealed class LoadRunner : IAsyncDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Task[] _workers;
    private TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    /// <param name="workers">How many steps run at once.</param>
    /// <param name="step">One unit of work for a worker (its index is given); it records its own outcome.</param>
    public LoadRunner(int workers, Func<int, Task> step)
    {
        _open.SetResult();
        _workers = [.. Enumerable.Range(0, workers).Select(worker => Task.Run(() => RunAsync(worker, step)))];
    }

    /// <summary>Seconds since the load started.</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    /// <summary>Holds new steps and waits for those under way to finish.</summary>
    public async Task PauseAsync()
    {
        lock (_gate)
        {
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        while (Volatile.Read(ref _inFlight) > 0)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>Lets steps run again; returns the moment it did.</summary>
    public double Resume()
    {
        lock (_gate)
        {
            _open.TrySetResult();
        }

        return Now;
    }

    /// <summary>Stops the workers after their current step and waits for them.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        Resume();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(int worker, Func<int, Task> step)
    {
        while (!_stop.IsCancellationRequested)
        {
            Task open;
            lock (_gate)
            {
                open = _open.Task;
                if (open.IsCompleted)
                {
                    Interlocked.Increment(ref _inFlight);
                }
            }

            if (!open.IsCompleted)
            {
                await open;
                continue;
            }

            try
            {
                await step(worker);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
