using System.Text.Json;

namespace LivechatFunctions.LocalHost.Tests.OpenApi;

/// <summary>
/// The document's schemas, as the answer tests use them, refuse what the contract forbids: a check that passes
/// everything would let the document drift unnoticed.
/// </summary>
public sealed class OpenApiSchemaStrictnessTests
{
    private const string Item = """{"_id":"r1","fname":"Maria","ts":"2021-07-22T17:17:04.216Z","msgs":2,"v":{"_id":"v1"}}""";

    private static ContractDocument Contract => ContractDocument.Instance;

    [Fact]
    public void A_page_of_contract_items_matches()
    {
        Assert.True(IsValid(200, $$"""{"history":[{{Item}}],"count":1,"offset":0,"total":1,"success":true}"""));
    }

    [Theory]
    [InlineData("_rid")]
    [InlineData("visitorId")]
    [InlineData("open")]
    [InlineData("source")]
    public void An_item_with_a_field_the_contract_leaves_out_does_not_match(string field)
    {
        var item = Item.Replace("\"msgs\":2", $"\"msgs\":2,\"{field}\":\"x\"", StringComparison.Ordinal);

        Assert.False(IsValid(200, $$"""{"history":[{{item}}],"count":1,"offset":0,"total":1,"success":true}"""));
    }

    [Fact]
    public void A_page_without_success_true_does_not_match()
    {
        Assert.False(IsValid(200, """{"history":[],"count":0,"offset":0,"total":0,"success":false}"""));
    }

    [Theory]
    [InlineData("""{"success":false,"error":"must be a number [invalid-params]","errorType":"invalid-params"}""")]
    [InlineData("""{"success":false,"error":"Invalid sort parameter provided: \"x\" [error-invalid-sort]","errorType":"error-invalid-sort"}""")]
    [InlineData("""{"success":false,"error":"invalid-room","stack":"at ..."}""")]
    [InlineData("""{"success":"false","error":"error-not-allowed"}""")]
    public void A_400_body_the_contract_does_not_list_does_not_match(string body)
    {
        Assert.False(IsValid(400, body));
    }

    [Fact]
    public void Retry_after_is_a_required_header_of_the_503()
    {
        var header = Contract.Response(503).Headers!["Retry-After"];

        Assert.True(header.Required);
    }

    private static bool IsValid(int status, string body)
    {
        using var document = JsonDocument.Parse(body);
        return Contract.BodySchema(status, "application/json").Evaluate(document.RootElement).IsValid;
    }
}
