namespace LivechatFunctions.ChatSearch;

/// <summary>
/// A page read started beside the room check, before anyone knows whether it will be shown. Disposed once its page
/// is taken; abandoned, without waiting, when the request is refused or the room check fails.
/// </summary>
internal sealed class PageReadAlongside(Task<ChatHistoryPage> page, CancellationTokenSource cancellation) : IDisposable
{
    public Task<ChatHistoryPage> Page { get; } = page;

    /// <summary>
    /// Cancels the read and lets it end on its own: a refusal must not wait for it (spec §2), so whatever it still
    /// costs is paid after the answer. A page that made it back anyway gives its pooled buffer back then.
    /// </summary>
    public void Abandon() => _ = CleanUpAsync();

    public void Dispose() => cancellation.Dispose();

    private async Task CleanUpAsync()
    {
        try
        {
            // The callbacks run on the thread pool, not on the refusal's way out.
            await cancellation.CancelAsync().ConfigureAwait(false);
            (await Page.ConfigureAwait(false)).Dispose();
        }
        catch (Exception)
        {
            // The page was never going to be shown: however it ended changes nothing about the answer.
        }
        finally
        {
            cancellation.Dispose();
        }
    }
}
