using System.Buffers;

namespace LivechatFunctions.ChatSearch;

/// <summary>
/// A growable byte buffer on pooled arrays, for a page's JSON between the store and the response. A page of 100
/// chats is tens of kilobytes; writing it into fresh arrays that double as they grow would leave about twice that
/// as garbage on every request. <see cref="Dispose"/> gives the array back; a buffer never disposed is simply
/// collected.
/// </summary>
public sealed class PageBuffer(int initialCapacity = PageBuffer.DefaultCapacity) : IBufferWriter<byte>, IDisposable
{
    public const int DefaultCapacity = 16 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
    private int _written;

    /// <summary>What has been written so far. Valid until the buffer is disposed.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Makes room for <paramref name="sizeHint"/> more bytes in one array, so writing them never copies what is
    /// already there. Memory handed out earlier and not yet advanced is invalid afterwards.
    /// </summary>
    public void Reserve(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(checked(_buffer.Length * 2), checked(_written + needed)));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
