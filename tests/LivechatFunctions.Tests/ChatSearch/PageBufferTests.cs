using System.Text;
using LivechatFunctions.ChatSearch;

namespace LivechatFunctions.Tests.ChatSearch;

public class PageBufferTests
{
    [Fact]
    public void Growing_past_the_first_array_keeps_everything_written()
    {
        using var buffer = new PageBuffer(initialCapacity: 256);
        var expected = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            var piece = Encoding.UTF8.GetBytes($"[{i}]");
            piece.CopyTo(buffer.GetSpan(piece.Length));
            buffer.Advance(piece.Length);
            expected.Append($"[{i}]");
        }

        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(buffer.WrittenMemory.Span));
    }

    [Fact]
    public void A_size_hint_larger_than_the_buffer_is_honoured()
    {
        using var buffer = new PageBuffer(initialCapacity: 256);
        Assert.True(buffer.GetMemory(100_000).Length >= 100_000);
    }

    [Fact]
    public void Reserving_keeps_what_was_written_and_leaves_room_for_the_rest_in_one_span()
    {
        using var buffer = new PageBuffer(initialCapacity: 256);
        "[1,"u8.CopyTo(buffer.GetSpan(3));
        buffer.Advance(3);

        buffer.Reserve(50_000);

        Assert.Equal("[1,", Encoding.UTF8.GetString(buffer.WrittenMemory.Span));
        Assert.True(buffer.GetSpan().Length >= 50_000);
    }

    [Fact]
    public void Advancing_past_the_space_given_is_refused()
    {
        using var buffer = new PageBuffer(initialCapacity: 256);
        var free = buffer.GetSpan().Length;
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(free + 1));
    }

    [Fact]
    public void A_disposed_buffer_is_empty_and_refuses_writes()
    {
        var buffer = new PageBuffer();
        buffer.GetSpan(3)[0] = (byte)'x';
        buffer.Advance(1);
        buffer.Dispose();
        Assert.True(buffer.WrittenMemory.IsEmpty);
        Assert.Throws<ObjectDisposedException>(() => buffer.GetSpan(1));
        buffer.Dispose();
    }
}
