using System.Buffers;
using System.IO.Pipelines;
using LivechatFunctions.ChatSearch;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LivechatFunctions.Http;

/// <summary>Writes a page of history as the contract's 200 body, keys in the spec's order (§3).</summary>
/// <remarks>
/// The items are already JSON, copied field by field from the store's answer (<see cref="ChatHistoryItem"/>), so
/// they go into the response as bytes, in pieces the response's own buffers can hold. Handing the whole array to a
/// JSON writer instead would make the response ask for one block the size of the page, which a pooled server
/// buffer cannot give.
/// </remarks>
public sealed class ChatHistoryResult(ChatHistoryPage page) : IActionResult
{
    public ChatHistoryPage Page { get; } = page;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        using (Page)
        {
            ContractHeaders.Apply(response, StatusCodes.Status200OK);
            Write(response.BodyWriter, Page);
        }

        await response.BodyWriter.FlushAsync(context.HttpContext.RequestAborted);
    }

    public static void Write(PipeWriter body, ChatHistoryPage page)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(page);
        body.Write("{\"history\":"u8);
        body.Write(page.HistoryJson.Span);
        body.Write(",\"count\":"u8);
        WriteNumber(body, page.Count);
        body.Write(",\"offset\":"u8);
        WriteNumber(body, page.Offset);
        body.Write(",\"total\":"u8);
        WriteNumber(body, page.Total);
        body.Write(",\"success\":true}"u8);
    }

    private static void WriteNumber(PipeWriter body, long value)
    {
        var span = body.GetSpan(20);
        if (!value.TryFormat(span, out var written, provider: System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A 64-bit integer did not fit in 20 bytes.");
        }

        body.Advance(written);
    }
}
