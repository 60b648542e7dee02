using LivechatFunctions.ChatSearch;

namespace LivechatFunctions.Storage;

/// <summary>
/// The bytes of one store response, for reading with a JSON reader that needs them all at once. In Gateway mode the
/// SDK has already read the whole answer into a memory stream, so its buffer is read in place; only another kind of
/// stream (a test's, or a future SDK's) is copied into a pooled buffer. <see cref="Json"/> is valid until
/// <see cref="Dispose"/>, and for as long as the response it came from.
/// </summary>
internal readonly struct ResponseBody : IDisposable
{
    private readonly PageBuffer? _copy;

    private ResponseBody(ReadOnlyMemory<byte> json, PageBuffer? copy)
    {
        Json = json;
        _copy = copy;
    }

    public ReadOnlyMemory<byte> Json { get; }

    public static async ValueTask<ResponseBody> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            return new ResponseBody(segment.AsMemory((int)memory.Position), null);
        }

        var copy = new PageBuffer(content.CanSeek ? (int)Math.Clamp(content.Length - content.Position + 1, 1, int.MaxValue) : PageBuffer.DefaultCapacity);
        try
        {
            int read;
            while ((read = await content.ReadAsync(copy.GetMemory(), cancellationToken)) > 0)
            {
                copy.Advance(read);
            }

            return new ResponseBody(copy.WrittenMemory, copy);
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    public void Dispose() => _copy?.Dispose();
}
