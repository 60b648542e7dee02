using System.Net;
using System.Text;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Tests.Storage;

/// <summary>Stands in for the rest of the SDK's pipeline: records what reaches it and answers with a fixed body.</summary>
internal sealed class RecordingHandler(string body = """{"queryInfo":{"aggregates":["Count"]}}""", HttpStatusCode status = HttpStatusCode.OK) : RequestHandler
{
    public List<string> Bodies { get; } = [];

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            using var reader = new StreamReader(request.Content, leaveOpen: true);
            Bodies.Add(await reader.ReadToEndAsync(cancellationToken));
        }
        else
        {
            Bodies.Add(string.Empty);
        }

        return new ResponseMessage(status, request) { Content = new MemoryStream(Encoding.UTF8.GetBytes(body)) };
    }

    public static RequestMessage PlanRequest(string query, string parameters = """[{"name":"@visitorId","value":"v1"}]""", string? partitionKey = """["v1"]""")
    {
        var request = new RequestMessage(HttpMethod.Post, new Uri("dbs/livechat/colls/rooms/docs", UriKind.Relative))
        {
            Content = new MemoryStream(Encoding.UTF8.GetBytes($$"""{"query":{{System.Text.Json.JsonSerializer.Serialize(query)}},"parameters":{{parameters}}}""")),
        };
        request.Headers["x-ms-cosmos-is-query-plan-request"] = "True";
        request.Headers["x-ms-cosmos-supported-query-features"] = "Aggregate, CompositeAggregate";
        if (partitionKey is not null)
        {
            request.Headers["x-ms-documentdb-partitionkey"] = partitionKey;
        }

        return request;
    }
}
