using System.IO.Pipelines;
using System.Text;
using LivechatFunctions.ChatSearch;
using LivechatFunctions.Http;

namespace LivechatFunctions.Tests.Http;

public class ChatHistoryResultTests
{
    private static async Task<string> Body(ChatHistoryPage page)
    {
        using var stream = new MemoryStream();
        var body = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64));
        ChatHistoryResult.Write(body, page);
        await body.CompleteAsync();
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task The_body_has_the_contract_keys_in_order_around_the_items()
    {
        var page = new ChatHistoryPage("""[{"_id":"r1"}]"""u8.ToArray(), 1, 20, 21);
        Assert.Equal("""{"history":[{"_id":"r1"}],"count":1,"offset":20,"total":21,"success":true}""", await Body(page));
    }

    [Fact]
    public async Task A_page_larger_than_the_response_buffers_arrives_whole()
    {
        var items = "[" + string.Join(',', Enumerable.Range(0, 2000).Select(i => $$"""{"_id":"r{{i}}"}""")) + "]";
        var body = await Body(new ChatHistoryPage(Encoding.UTF8.GetBytes(items), 2000, 0, long.MaxValue));
        Assert.Equal($$"""{"history":{{items}},"count":2000,"offset":0,"total":{{long.MaxValue}},"success":true}""", body);
    }

    [Fact]
    public void Disposing_a_page_gives_its_pooled_buffer_back()
    {
        var buffer = new PageBuffer();
        var page = new ChatHistoryPage(buffer.WrittenMemory, 0, 0, 0) { Buffer = buffer };
        page.Dispose();
        Assert.Throws<ObjectDisposedException>(() => buffer.GetSpan(1));
    }
}
