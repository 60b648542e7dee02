using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace LivechatFunctions.LocalHost.Tests.OpenApi;

/// <summary>
/// Real answers of every status the contract has, from the running local host, checked against docs/openapi.yaml:
/// status, media type, each documented header and the body's schema, each its own test so one drift shows alone.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class OpenApiAnswerTests(LocalHostFixture fixture, AnswerCases answers) : IClassFixture<AnswerCases>
{
    private static ContractDocument Contract => ContractDocument.Instance;

    public static TheoryData<string> Cases() => AnswerCases.Names();

    /// <summary>Every case with every header its status documents.</summary>
    public static TheoryData<string, string> CasesAndDocumentedHeaders()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, request) in AnswerCases.Requests)
        {
            foreach (var header in Contract.Response(request.Status).Headers?.Keys ?? [])
            {
                data.Add(name, header);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_status_is_the_documented_one_for_the_case(string name)
    {
        var answer = await answers.GetAsync(name, fixture);

        Assert.Equal(AnswerCases.Requests[name].Status, answer.Status);
        Assert.NotNull(Contract.Response(answer.Status));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_content_type_is_exactly_the_documented_media_type(string name)
    {
        var answer = await answers.GetAsync(name, fixture);
        var mediaType = Assert.Single(Contract.Response(answer.Status).Content!.Keys);

        Assert.Equal(mediaType, answer.Headers["Content-Type"]);
    }

    [Theory]
    [MemberData(nameof(CasesAndDocumentedHeaders))]
    public async Task A_documented_header_is_sent_with_a_documented_value(string name, string header)
    {
        var answer = await answers.GetAsync(name, fixture);

        Assert.True(answer.Headers.TryGetValue(header, out var value), $"no {header} header on the {answer.Status} answer");
        AssertValid(Contract.HeaderSchema(answer.Status, header), HeaderValue(value), $"{header}: {value}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_body_matches_the_documented_schema_for_its_status(string name)
    {
        var answer = await answers.GetAsync(name, fixture);
        var mediaType = Assert.Single(Contract.Response(answer.Status).Content!.Keys);

        using var body = JsonDocument.Parse(answer.Body);
        AssertValid(Contract.BodySchema(answer.Status, mediaType), body.RootElement, answer.Body);
    }

    // A header's value is text; one that reads as a whole number is checked as the number it stands for, the way an
    // OpenAPI header of type integer (Retry-After) is serialised.
    private static JsonElement HeaderValue(string value)
    {
        JsonNode node = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(value);
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private static void AssertValid(JsonSchema schema, JsonElement instance, string shown)
    {
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"));
        Assert.True(result.IsValid, $"{shown}{Environment.NewLine}does not match docs/openapi.yaml:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }
}
