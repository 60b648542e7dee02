using System.Net;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace LivechatFunctions.LocalHost.Tests.OpenApi;

/// <summary>docs/openapi.yaml reads cleanly as OpenAPI 3.1 and names what the running host serves.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class OpenApiDocumentTests(LocalHostFixture fixture)
{
    /// <summary>A value each documented query parameter is accepted with; a parameter documented later needs one here.</summary>
    private static readonly Dictionary<string, string> AcceptedValues = new(StringComparer.Ordinal)
    {
        ["offset"] = "0",
        ["count"] = "1",
        ["sort"] = "%7B%22ts%22%3A1%7D",
        ["closedChatsOnly"] = "true",
        ["servedChatsOnly"] = "false",
        ["source"] = "widget",
        ["searchText"] = "hello",
    };

    private static ContractDocument Contract => ContractDocument.Instance;

    public static TheoryData<string> DocumentedQueryParameters() =>
        [.. Contract.SearchChats.Parameters!.Where(p => p.In == ParameterLocation.Query).Select(p => p.Name!)];

    [Fact]
    public void The_document_is_openapi_3_1()
    {
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, Contract.Diagnostic.SpecificationVersion);
    }

    [Fact]
    public void The_document_reads_without_errors_or_warnings()
    {
        Assert.Empty(Contract.Diagnostic.Errors.Select(e => e.ToString()));
        Assert.Empty(Contract.Diagnostic.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void The_document_has_one_path_the_function_route_with_get_only()
    {
        var (path, item) = Assert.Single(Contract.Document.Paths);

        Assert.Equal("/" + fixture.Host.RouteTemplate.TrimStart('/'), path);
        Assert.Equal([HttpMethod.Get], item.Operations!.Keys);
    }

    [Fact]
    public void The_path_parameters_are_the_route_parameters()
    {
        var parameters = Contract.SearchChats.Parameters!.Where(p => p.In == ParameterLocation.Path).ToList();

        Assert.Equal(["roomId", "visitorId"], parameters.Select(p => p.Name));
        Assert.All(parameters, p => Assert.True(p.Required));
    }

    [Fact]
    public void Both_login_headers_are_required_together()
    {
        var requirement = Assert.Single(Contract.Document.Security!);
        var schemes = requirement.Keys.Select(s => (s.Target!.In, s.Target.Name, s.Target.Type)).Order().ToList();

        Assert.Equal([(ParameterLocation.Header, "X-Auth-Token", SecuritySchemeType.ApiKey), (ParameterLocation.Header, "X-User-Id", SecuritySchemeType.ApiKey)], schemes);
    }

    [Fact]
    public void Every_documented_status_has_a_real_answer_checked_against_it()
    {
        var documented = Contract.SearchChats.Responses!.Keys.Select(int.Parse).Order();

        Assert.Equal(documented, AnswerCases.Requests.Values.Select(r => r.Status).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(DocumentedQueryParameters))]
    public async Task A_documented_query_parameter_is_accepted(string name)
    {
        Assert.True(AcceptedValues.TryGetValue(name, out var value), $"the test has no value for the documented parameter {name}");
        var (roomId, visitorId) = fixture.Host.DemoData!.SuggestedRoom;

        using var response = await fixture.GetAsync(roomId, visitorId, $"?{name}={value}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
