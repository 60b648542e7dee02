using System.Runtime.InteropServices;
using System.Text;
using LivechatFunctions.Storage;

namespace LivechatFunctions.Tests.Storage;

public class ResponseBodyTests
{
    [Fact]
    public async Task A_memory_stream_the_sdk_filled_is_read_in_place_from_its_position()
    {
        var bytes = Encoding.UTF8.GetBytes("""xx{"id":"r1"}""");
        var content = new MemoryStream();
        content.Write(bytes);
        content.Position = 2;

        using var body = await ResponseBody.ReadAsync(content, CancellationToken.None);

        Assert.Equal("""{"id":"r1"}""", Encoding.UTF8.GetString(body.Json.Span));
        Assert.True(MemoryMarshal.TryGetArray(body.Json, out var segment));
        Assert.True(content.TryGetBuffer(out var streamBuffer));
        Assert.Same(streamBuffer.Array, segment.Array);
    }

    [Fact]
    public async Task A_stream_whose_buffer_is_private_is_copied_whole()
    {
        var json = """{"Documents":[""" + string.Join(',', Enumerable.Range(0, 2_000).Select(i => $$"""{"_id":"room-{{i}}"}""")) + "]}";
        await using var content = new OneByteAtATimeStream(Encoding.UTF8.GetBytes(json));

        using var body = await ResponseBody.ReadAsync(content, CancellationToken.None);

        Assert.Equal(json, Encoding.UTF8.GetString(body.Json.Span));
    }

    [Fact]
    public async Task An_empty_answer_is_an_empty_body()
    {
        using var body = await ResponseBody.ReadAsync(new MemoryStream([], writable: false), CancellationToken.None);

        Assert.True(body.Json.IsEmpty);
    }

    // Neither a memory stream nor seekable, and stingy: reads must be repeated until the end.
    private sealed class OneByteAtATimeStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position == bytes.Length || count == 0)
            {
                return 0;
            }

            buffer[offset] = bytes[_position++];
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
