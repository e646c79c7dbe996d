using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using TwoZones.Functions.Http;
using TwoZones.Functions.Identity;

namespace TwoZones.Functions.OpenApi;

/// <summary>Builds the OpenAPI 3.0 document of the app from its HTTP functions' attributes.</summary>
internal static partial class OpenApiDocumentBuilder
{
    /// <summary>The route prefix Azure Functions puts before every route.</summary>
    public const string RoutePrefix = "/api/";

    /// <summary>The document, built once.</summary>
    public static string Json { get; } = Build().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

    /// <summary>The OpenAPI path of a route template: constraints and optional marks removed (<c>items/{id:int}</c> → <c>/api/items/{id}</c>).</summary>
    public static string PathOf(string route) => RoutePrefix + RouteParameter().Replace(route.Trim('/'), m => "{" + m.Groups["name"].Value + "}");

    private static JsonObject Build()
    {
        var schemas = new ResponseSchemas();
        var paths = new JsonObject();
        foreach (var function in HttpFunctionDescription.All)
        {
            var path = PathOf(function.Route);
            if (paths[path] is not JsonObject item)
            {
                item = [];
                paths[path] = item;
            }

            foreach (var method in function.Methods)
            {
                item[method.ToLowerInvariant()] = Operation(function, path, schemas);
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "TwoZones",
                ["version"] = "1.0",
                ["description"] = "Progress of Beijing's \"Two Zones\" reform tasks and measures: status updates, history, progress and catalogue import. "
                    + "Send an API key in the x-functions-key header (or ?code=). Errors are application/problem+json. "
                    + "How every percentage is computed, now and as of a past day (?asOf=): docs/progress.md. "
                    + "How seals are built and checked (/api/seals, /api/verify, /api/history/export, tools/verify-history): docs/seals.md.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
            ["paths"] = paths,
            ["components"] = Components(schemas),
        };
    }

    private static JsonObject Operation(HttpFunctionDescription function, string path, ResponseSchemas schemas)
    {
        var parameters = new JsonArray();
        foreach (Match match in PathParameter().Matches(path))
        {
            parameters.Add(new JsonObject { ["name"] = match.Groups["name"].Value, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        var contract = function.Contract;
        foreach (var query in contract.Query)
        {
            var schema = new JsonObject { ["type"] = "string" };
            if (query.Values is { Length: > 0 } values)
            {
                schema["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
            }

            parameters.Add(new JsonObject { ["name"] = query.Name, ["in"] = "query", ["required"] = false, ["description"] = query.Description, ["schema"] = schema });
        }

        // Besides the function's own answers, the pipeline answers 500 to any failure and, for keyed functions, 401 to unknown
        // callers, 403 to callers below the least role and 503 while storage is down.
        var codes = new SortedDictionary<int, Type?>();
        foreach (var response in contract.Responses.DefaultIfEmpty(new EndpointResponse(200)))
        {
            codes[response.Status] = response.Body;
        }

        codes.TryAdd(500, null);
        if (!function.IsAnonymous)
        {
            codes.TryAdd(401, null);
            codes.TryAdd(503, null);
            if (contract.MinimumRole > Core.Lifecycle.Role.Viewer)
            {
                codes.TryAdd(403, null);
            }
        }

        var responses = new JsonObject();
        foreach (var (code, body) in codes)
        {
            var isProblem = code >= 400;
            responses[code.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["description"] = ReasonPhrases.GetReasonPhrase(code),
                ["content"] = isProblem
                    ? new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Problem" } } }
                    : Content(contract.ContentTypes, body is null ? null : schemas.Of(body)),
            };
        }

        var operation = new JsonObject
        {
            ["operationId"] = function.Name,
            ["summary"] = contract.Summary,
            ["tags"] = new JsonArray(TagOf(path)),
            ["parameters"] = parameters,
            ["responses"] = responses,
        };
        if (contract.Description is not null)
        {
            operation["description"] = contract.Description;
        }

        if (contract.MinimumRole > Core.Lifecycle.Role.Viewer)
        {
            operation["x-twozones-minimum-role"] = Roles.Name(contract.MinimumRole);
        }

        operation["security"] = function.IsAnonymous
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["apiKeyHeader"] = new JsonArray() }, new JsonObject { ["apiKeyQuery"] = new JsonArray() });
        return operation;
    }

    private static string TagOf(string path)
    {
        var segment = path[RoutePrefix.Length..].Split('/')[0];
        return segment.Length == 0 ? "api" : char.ToUpperInvariant(segment[0]) + segment[1..];
    }

    private static JsonObject Components(ResponseSchemas generated)
    {
        var schemas = new JsonObject { ["Problem"] = Problem() };
        foreach (var (name, schema) in generated.Components)
        {
            schemas[name] = schema.DeepClone();
        }

        return new JsonObject
        {
            ["securitySchemes"] = new JsonObject
            {
                ["apiKeyHeader"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = ApiKeyAuthenticationMiddleware.KeyHeader },
                ["apiKeyQuery"] = new JsonObject { ["type"] = "apiKey", ["in"] = "query", ["name"] = "code" },
            },
            ["schemas"] = schemas,
        };
    }

    private static JsonObject Problem() => new()
    {
        ["type"] = "object",
        ["description"] = "RFC 9457 problem details.",
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string" },
            ["title"] = new JsonObject { ["type"] = "string" },
            ["status"] = new JsonObject { ["type"] = "integer" },
            ["detail"] = new JsonObject { ["type"] = "string" },
            ["errors"] = new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            },
        },
    };

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:[:?][^}]*)?\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex PathParameter();

    private static JsonObject Content(IReadOnlyList<string> contentTypes, JsonObject? jsonSchema)
    {
        var content = new JsonObject();
        foreach (var contentType in contentTypes)
        {
            content[contentType] = new JsonObject
            {
                ["schema"] = contentType.EndsWith("json", StringComparison.Ordinal)
                    ? jsonSchema?.DeepClone() ?? new JsonObject { ["type"] = "object" }
                    : new JsonObject { ["type"] = "string" },
            };
        }

        return content;
    }
}
