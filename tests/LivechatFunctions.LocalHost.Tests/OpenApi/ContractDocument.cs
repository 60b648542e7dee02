using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using JsonPointer = Json.Pointer.JsonPointer;

namespace LivechatFunctions.LocalHost.Tests.OpenApi;

/// <summary>
/// docs/openapi.yaml as OpenAPI.NET reads it, and the JSON Schemas of its answers for JsonSchema.Net. Schemas are
/// taken from the library's own OpenAPI 3.1 JSON rendering of the document, so they are what the reader understood,
/// with the document's components carried along as $defs for the references between them.
/// </summary>
internal sealed class ContractDocument
{
    public const string EndpointPath = "/api/v1/livechat/visitors.searchChats/room/{roomId}/visitor/{visitorId}";

    private static readonly Lazy<ContractDocument> Loaded = new(Load);

    private readonly JsonObject _json;

    private ContractDocument(OpenApiDocument document, OpenApiDiagnostic diagnostic, JsonObject json)
    {
        Document = document;
        Diagnostic = diagnostic;
        _json = json;
    }

    public static ContractDocument Instance => Loaded.Value;

    public static string FilePath => Path.Combine(RepositoryRoot(), "docs", "openapi.yaml");

    public OpenApiDocument Document { get; }

    public OpenApiDiagnostic Diagnostic { get; }

    public OpenApiOperation SearchChats => Document.Paths[EndpointPath].Operations![HttpMethod.Get];

    public IOpenApiResponse Response(int status) =>
        SearchChats.Responses!.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
            ? response
            : throw new KeyNotFoundException($"docs/openapi.yaml documents no {status} answer.");

    /// <summary>The JSON Schema of the body of a <paramref name="status"/> answer in <paramref name="mediaType"/>.</summary>
    public JsonSchema BodySchema(int status, string mediaType) =>
        SchemaAt(JsonPointer.Create("paths", EndpointPath, "get", "responses", status.ToString(System.Globalization.CultureInfo.InvariantCulture), "content", mediaType, "schema"));

    /// <summary>The JSON Schema of a response header, with the header's $ref (if any) followed.</summary>
    public JsonSchema HeaderSchema(int status, string header)
    {
        var pointer = JsonPointer.Create("paths", EndpointPath, "get", "responses", status.ToString(System.Globalization.CultureInfo.InvariantCulture), "headers", header);
        var node = Resolve(pointer);
        if (node is JsonObject reference && reference["$ref"] is JsonValue target)
        {
            pointer = JsonPointer.Parse(target.GetValue<string>().TrimStart('#'));
        }

        return SchemaAt(pointer.Combine(JsonPointer.Create("schema")));
    }

    private JsonNode Resolve(JsonPointer pointer) =>
        pointer.TryEvaluate(_json, out var node) && node is not null
            ? node
            : throw new KeyNotFoundException($"docs/openapi.yaml has nothing at {pointer}.");

    private JsonSchema SchemaAt(JsonPointer pointer)
    {
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = _json["components"]?["schemas"]?.DeepClone(),
            ["allOf"] = new JsonArray(Resolve(pointer).DeepClone()),
        };
        var text = schema.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
        // A registry of its own per schema: every schema here is anonymous and would collide in the global one.
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    private static ContractDocument Load()
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        using var stream = new MemoryStream(File.ReadAllBytes(FilePath));
        var (document, diagnostic) = OpenApiDocument.Load(stream, "yaml", settings);
        if (document is null || diagnostic is null)
        {
            throw new InvalidOperationException($"{FilePath} could not be read.");
        }

        var json = document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1).GetAwaiter().GetResult();
        return new ContractDocument(document, diagnostic, JsonNode.Parse(json)!.AsObject());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LivechatFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No LivechatFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
