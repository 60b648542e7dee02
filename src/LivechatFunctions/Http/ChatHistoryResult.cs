using System.Text.Json;
using LivechatFunctions.ChatSearch;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LivechatFunctions.Http;

/// <summary>Writes a page of history as the contract's 200 body, keys in the spec's order (§3).</summary>
public sealed class ChatHistoryResult(ChatHistoryPage page) : IActionResult
{
    public ChatHistoryPage Page { get; } = page;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        ContractHeaders.Apply(response, StatusCodes.Status200OK);
        await using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            Write(writer, Page);
        }

        await response.BodyWriter.FlushAsync(context.HttpContext.RequestAborted);
    }

    public static void Write(Utf8JsonWriter writer, ChatHistoryPage page)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("history");
        // The items were copied field by field from the store's answer (ChatHistoryItem), so they are valid JSON.
        writer.WriteRawValue(page.HistoryJson.Span, skipInputValidation: true);
        writer.WriteNumber("count", page.Count);
        writer.WriteNumber("offset", page.Offset);
        writer.WriteNumber("total", page.Total);
        writer.WriteBoolean("success", true);
        writer.WriteEndObject();
    }
}
