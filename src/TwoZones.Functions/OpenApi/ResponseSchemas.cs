using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using TwoZones.Functions.Http;

namespace TwoZones.Functions.OpenApi;

/// <summary>
/// The OpenAPI schemas of the response types, generated from the types with the options the API writes them with
/// (<see cref="ApiJson.Options"/>), so a renamed or added property shows in the document without anyone editing it.
/// </summary>
internal sealed class ResponseSchemas
{
    private static readonly JsonSchemaExporterOptions ExporterOptions = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = (context, schema) => ToOpenApi30(OmittedWhenNullNotRequired(context, OfCustomConverter(context.TypeInfo.Type, schema))),
    };

    private readonly SortedDictionary<string, JsonNode> _components = new(StringComparer.Ordinal);

    /// <summary>The schemas referenced so far, by name, for <c>components/schemas</c>.</summary>
    public IReadOnlyDictionary<string, JsonNode> Components => _components;

    /// <summary>The schema of a body of <paramref name="type"/>: a reference to its component (an array of references for a list).</summary>
    public JsonObject Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (ElementType(type) is { } element)
        {
            return new JsonObject { ["type"] = "array", ["items"] = Of(element) };
        }

        var name = type.Name;
        if (!_components.ContainsKey(name))
        {
            _components[name] = ApiJson.Options.GetJsonSchemaAsNode(type, ExporterOptions);
        }

        return new JsonObject { ["$ref"] = "#/components/schemas/" + name };
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.IsGenericType && type != typeof(string)
            && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            && type.GetGenericArguments() is [var single]
            ? single
            : null;
    }

    // A type with a converter of the API's own (instants in UTC with Z, rounded percentages) exports as "any value"; say what it writes.
    private static JsonNode OfCustomConverter(Type type, JsonNode schema)
    {
        if (schema is JsonObject)
        {
            return schema;
        }

        var underlying = Nullable.GetUnderlyingType(type);
        JsonObject? known = (underlying ?? type) switch
        {
            var t when t == typeof(DateTimeOffset) || t == typeof(DateTime) => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            var t when t == typeof(double) || t == typeof(decimal) || t == typeof(float) => new JsonObject { ["type"] = "number" },
            _ => null,
        };
        if (known is not null && underlying is not null)
        {
            known["nullable"] = true;
        }

        return known ?? schema;
    }

    // The exporter requires every constructor parameter, but a property left out when null ([JsonIgnore(WhenWritingNull)]) may be absent.
    private static JsonNode OmittedWhenNullNotRequired(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (context.PropertyInfo is not null || schema is not JsonObject node || node["required"] is not JsonArray required)
        {
            return schema;
        }

        var omitted = context.TypeInfo.Properties
            .Where(p => p.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
                .OfType<JsonIgnoreAttribute>()
                .Any(a => a.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault) == true)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
        var kept = required.Select(r => r!.GetValue<string>()).Where(name => !omitted.Contains(name)).ToList();
        if (kept.Count == 0)
        {
            node.Remove("required");
        }
        else
        {
            node["required"] = new JsonArray([.. kept.Select(name => (JsonNode)name)]);
        }

        return node;
    }

    // JSON Schema writes a nullable value as "type": [X, "null"]; OpenAPI 3.0 has no type arrays and says "nullable": true instead.
    private static JsonNode ToOpenApi30(JsonNode schema)
    {
        if (schema is not JsonObject node || node["type"] is not JsonArray types)
        {
            return schema;
        }

        var named = types.Select(t => t!.GetValue<string>()).ToList();
        var nonNull = named.Where(t => t != "null").ToList();
        if (nonNull.Contains("string") && nonNull.Any(t => t is "integer" or "number"))
        {
            // Numbers are read from strings too (the web defaults), but always written as numbers.
            nonNull.Remove("string");
            node.Remove("pattern");
        }

        if (nonNull.Count == 1)
        {
            node["type"] = nonNull[0];
        }
        else
        {
            node.Remove("type");
        }

        if (named.Contains("null"))
        {
            node["nullable"] = true;
            if (node["enum"] is JsonArray values)
            {
                node["enum"] = new JsonArray([.. values.Where(v => v is not null).Select(v => v!.DeepClone())]);
            }
        }

        return node;
    }
}
