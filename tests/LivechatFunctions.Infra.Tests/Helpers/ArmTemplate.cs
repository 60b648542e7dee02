using System.Text.Json;
using System.Text.RegularExpressions;

namespace LivechatFunctions.Infra.Tests.Helpers;

/// <summary>
/// The ARM JSON that infra/main.bicep compiles to, with small helpers for reading it.
/// Values may be ARM expressions ("[...]"); <see cref="Expand"/> inlines the template's
/// string variables so assertions can look for the literals behind them.
/// </summary>
internal sealed partial class ArmTemplate
{
    private static readonly Lazy<ArmTemplate> MainTemplate = new(() => Compile(RepoPaths.MainBicep));

    private ArmTemplate(JsonElement root)
    {
        Root = root;
        Text = root.GetRawText();
        Resources = [.. CollectResources(root)];
    }

    /// <summary>main.bicep, compiled once per test run.</summary>
    public static ArmTemplate Main => MainTemplate.Value;

    public JsonElement Root { get; }

    /// <summary>The whole template as JSON text.</summary>
    public string Text { get; }

    /// <summary>Every resource, with nested deployments' resources flattened in.</summary>
    public IReadOnlyList<TemplateResource> Resources { get; }

    public static ArmTemplate Compile(string bicepFile)
    {
        var result = BicepCli.Run("build", bicepFile, "--stdout");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {bicepFile} failed:{Environment.NewLine}{result.StandardError}");
        }

        using var document = JsonDocument.Parse(result.StandardOutput);
        return new ArmTemplate(document.RootElement.Clone());
    }

    public IEnumerable<TemplateResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public TemplateResource Single(string type)
    {
        var matches = OfType(type).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"Expected one {type}, found {matches.Count}.");
    }

    public JsonElement Parameter(string name) => Root.GetProperty("parameters").GetProperty(name);

    /// <summary>
    /// A value as deployed: a whole-value reference to a variable (which is how Bicep compiles <c>loadJsonContent</c>) is
    /// that variable's value; anything else is itself.
    /// </summary>
    public JsonElement Resolve(JsonElement value)
    {
        const string Prefix = "[variables('";
        const string Suffix = "')]";
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        return text.StartsWith(Prefix, StringComparison.Ordinal) && text.EndsWith(Suffix, StringComparison.Ordinal)
            ? Root.GetProperty("variables").GetProperty(text[Prefix.Length..^Suffix.Length])
            : value;
    }

    /// <summary>
    /// Replaces <c>variables('x')</c> with the variable's value when it is a string: a
    /// literal becomes a quoted ARM string, an expression its inner text. Repeats until
    /// nothing changes, so chains of variables resolve.
    /// </summary>
    public string Expand(string value)
    {
        var variables = Root.TryGetProperty("variables", out var v) ? v : default;
        if (variables.ValueKind != JsonValueKind.Object)
        {
            return value;
        }

        for (var round = 0; round < 16; round++)
        {
            var expanded = VariableReference().Replace(value, match =>
                variables.TryGetProperty(match.Groups["name"].Value, out var variable)
                && variable.ValueKind == JsonValueKind.String
                    ? AsExpressionText(variable.GetString()!)
                    : match.Value);
            if (expanded == value)
            {
                return value;
            }

            value = expanded;
        }

        return value;
    }

    /// <summary>
    /// The literal string a value stands for once its variables are expanded (a whole
    /// expression <c>['x']</c> becomes <c>x</c>); any other expression is returned expanded.
    /// </summary>
    public string Literal(string value)
    {
        var expanded = Expand(value);
        var match = WholeStringLiteral().Match(expanded);
        return match.Success ? match.Groups["value"].Value : expanded;
    }

    /// <summary>
    /// The values a property of a copy-loop resource takes: for
    /// <c>variables('list')[copyIndex()]</c> each element of the list, otherwise the value itself.
    /// </summary>
    public IReadOnlyList<string> ExpandPerCopy(string value)
    {
        var match = CopyIndexedVariable().Match(value);
        if (!match.Success
            || !Root.GetProperty("variables").TryGetProperty(match.Groups["name"].Value, out var list)
            || list.ValueKind != JsonValueKind.Array)
        {
            return [Expand(value)];
        }

        return [.. list.EnumerateArray().Select(item =>
            Expand(value.Replace(match.Value, AsExpressionText(item.GetString()!), StringComparison.Ordinal)))];
    }

    /// <summary>The function app's settings: the sites/config appsettings resource plus siteConfig.appSettings.</summary>
    public IReadOnlyDictionary<string, string> AppSettings()
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var config in OfType("Microsoft.Web/sites/config")
                     .Where(r => r.Name.Contains("appsettings", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var property in config.Element.GetProperty("properties").EnumerateObject())
            {
                settings[property.Name] = property.Value.ToString();
            }
        }

        foreach (var site in OfType("Microsoft.Web/sites"))
        {
            if (site.TryGet(out var list, "properties", "siteConfig", "appSettings") && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var setting in list.EnumerateArray())
                {
                    settings[setting.GetProperty("name").GetString()!] = setting.GetProperty("value").ToString();
                }
            }
        }

        return settings;
    }

    /// <summary>True when an expression reads a property of the user-assigned identity.</summary>
    public bool RefersToAppIdentity(string expression)
    {
        var identity = Single("Microsoft.ManagedIdentity/userAssignedIdentities");
        return expression.Contains($"reference('{identity.Symbol}')", StringComparison.Ordinal)
            || expression.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", StringComparison.Ordinal);
    }

    private static string AsExpressionText(string value) =>
        value.StartsWith('[') && value.EndsWith(']') ? value[1..^1] : $"'{value}'";

    private static IEnumerable<TemplateResource> CollectResources(JsonElement template)
    {
        if (!template.TryGetProperty("resources", out var resources))
        {
            yield break;
        }

        // languageVersion 2.0 keys resources by symbolic name; 1.0 lists them.
        var entries = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(p => (Symbol: p.Name, Element: p.Value))
            : resources.EnumerateArray().Select((e, i) => (Symbol: $"#{i}", Element: e));

        foreach (var (symbol, element) in entries)
        {
            var resource = new TemplateResource(symbol, element);
            yield return resource;

            if (resource.Type == "Microsoft.Resources/deployments"
                && resource.TryGet(out var nested, "properties", "template"))
            {
                foreach (var inner in CollectResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)(?!\[)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)\[copyIndex\(\)\]")]
    private static partial Regex CopyIndexedVariable();

    [GeneratedRegex(@"^\['(?<value>[^']*)'\]$")]
    private static partial Regex WholeStringLiteral();
}

/// <summary>One resource of a compiled template.</summary>
internal sealed record TemplateResource(string Symbol, JsonElement Element)
{
    public string Type => Element.GetProperty("type").GetString()!;

    public string Name => Element.GetProperty("name").GetString()!;

    /// <summary>The deployment condition, or null when the resource is always deployed.</summary>
    public string? Condition => Element.TryGetProperty("condition", out var c) ? c.ToString() : null;

    public bool TryGet(out JsonElement value, params string[] path)
    {
        value = Element;
        foreach (var segment in path)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment, out value))
            {
                return false;
            }
        }

        return true;
    }

    public JsonElement Get(params string[] path) =>
        TryGet(out var value, path)
            ? value
            : throw new KeyNotFoundException($"{Type} ({Symbol}) has no {string.Join('.', path)}.");

    public string GetString(params string[] path) => Get(path).ToString();
}
