using System.Text.Json.Nodes;

namespace LocalFunctionsHost.Worker;

/// <summary>One binding of a function, from the worker's raw binding JSON (it carries attributes the typed map drops, e.g. route).</summary>
/// <param name="Name">The parameter name (<c>$return</c> for the return value).</param>
/// <param name="Type">The binding type, e.g. <c>httpTrigger</c>.</param>
/// <param name="Direction">in, out or inout.</param>
/// <param name="Raw">The whole raw binding.</param>
internal sealed record BindingDescriptor(string Name, string Type, string Direction, JsonObject Raw)
{
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    public bool IsInput => !IsTrigger && !string.Equals(Direction, "out", StringComparison.OrdinalIgnoreCase) && Name != "$return";

    public string? Get(string property) => Raw.FirstOrDefault(p => string.Equals(p.Key, property, StringComparison.OrdinalIgnoreCase)).Value switch
    {
        JsonValue v => v.ToString(),
        null => null,
        var other => other.ToJsonString(),
    };

    public IReadOnlyList<string> GetList(string property) =>
        Raw.FirstOrDefault(p => string.Equals(p.Key, property, StringComparison.OrdinalIgnoreCase)).Value is JsonArray a
            ? [.. a.Select(x => x?.ToString() ?? "")]
            : [];

    public static BindingDescriptor Parse(string rawJson)
    {
        var raw = JsonNode.Parse(rawJson) as JsonObject ?? throw new FormatException("A raw binding is not a JSON object: " + rawJson);
        var d = new BindingDescriptor("", "", "in", raw);
        return d with { Name = d.Get("name") ?? "", Type = d.Get("type") ?? "", Direction = d.Get("direction") ?? "in" };
    }
}
