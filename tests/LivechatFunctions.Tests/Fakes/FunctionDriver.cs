using LivechatFunctions.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Moq;

namespace LivechatFunctions.Tests.Fakes;

/// <summary>Calls the function class with a real ASP.NET Core request and runs its result, as the worker would.</summary>
public static class FunctionDriver
{
    public static DefaultHttpContext CreateGet(string query, string? userId, string? token)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.QueryString = new QueryString(query.Length == 0 || query.StartsWith('?') ? query : "?" + query);
        if (userId is not null)
        {
            http.Request.Headers["X-User-Id"] = userId;
        }

        if (token is not null)
        {
            http.Request.Headers["X-Auth-Token"] = token;
        }

        return http;
    }

    public static async Task<TestResponse> SendAsync(SearchChatsFunction function, string invocationId, DefaultHttpContext http, string roomId, string visitorId)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(http);
        var body = new MemoryStream();
        http.Response.Body = body;
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InvocationId).Returns(invocationId);

        var result = await function.SearchChats(http.Request, roomId, visitorId, context.Object);
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        return new TestResponse(http.Response.StatusCode, http.Response.Headers, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
