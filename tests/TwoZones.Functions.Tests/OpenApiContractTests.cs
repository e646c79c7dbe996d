using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using TwoZones.Functions.Tests.Infrastructure;

namespace TwoZones.Functions.Tests;

/// <summary>
/// <c>GET /api/openapi.json</c> says what the running app does: every documented operation answers, every status seen is documented,
/// the status change answers every status it documents that a client can cause, and JSON bodies validate against their schemas.
/// </summary>
[Collection(SeededAppCollection.Name)]
public sealed partial class OpenApiContractTests(SeededAppFixture app)
{
    /// <summary>Statuses no request of this test can cause: the server's own failures, storage down, a body that stalls.</summary>
    private static readonly int[] NotCausedHere = [408, 500, 503];

    [Fact]
    public async Task Every_documented_operation_answers_only_documented_statuses_with_bodies_of_the_documented_schemas()
    {
        var document = JsonNode.Parse(await (await app.GetAsync("api/openapi.json")).Content.ReadAsStringAsync())!.AsObject();
        var operations = Operations(document);
        var seen = operations.Keys.ToDictionary(k => k, _ => new SortedSet<int>());
        var validatedSchemas = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var probe in Probes(app.SeedImportId))
        {
            using var response = await SendAsync(probe);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var key = Match(operations.Keys, probe.Method, probe.Path);
            Assert.True(key is not null, $"{probe.Method} {probe.Path} matches no documented operation");
            seen[key].Add(status);

            var responses = operations[key]["responses"]!.AsObject();
            Assert.True(
                responses.ContainsKey(status.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                $"{probe.Method} {probe.Path} answered {status}, which {key} does not document ({string.Join(", ", responses.Select(r => r.Key))}): {body}");

            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
            var documented = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["content"]?.AsObject();
            Assert.True(documented is null || documented.ContainsKey(mediaType), $"{key} answered {status} as {mediaType}, not a documented media type");
            if (status < 300 && mediaType == "application/json" && documented![mediaType]!["schema"] is JsonObject schema && schema["type"]?.GetValue<string>() != "object")
            {
                AssertMatchesSchema(document, schema, body, $"{key} {status}");
                validatedSchemas.Add(SchemaName(schema));
            }
        }

        var unprobed = seen.Where(s => s.Value.Count == 0).Select(s => s.Key).ToList();
        Assert.True(unprobed.Count == 0, $"Documented but not probed: {string.Join(", ", unprobed)}");
        // Reads succeed, but for what this app holds none of (digests, indicators, seals: their own tests read them); the imports and
        // digests that a POST's success would start would change what the other tests of this app see.
        foreach (var key in operations.Keys.Where(k => k.StartsWith("GET ", StringComparison.Ordinal) && !NoneHere().IsMatch(k)))
        {
            Assert.True(seen[key].Any(s => s < 400), $"{key}: no probe got a success, only {string.Join(", ", seen[key])}");
        }

        var change = "POST /api/tasks/{id}/status";
        var promised = operations[change]["responses"]!.AsObject().Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).Except(NotCausedHere);
        Assert.Equal(promised.Order(), seen[change].Order());
        Assert.Superset(
            new SortedSet<string>(["CatalogueImportStatusResponse", "HistoryResponse", "ItemListResponse", "ItemResponse", "ProgrammeResponse"], StringComparer.Ordinal),
            validatedSchemas);
    }

    private static IEnumerable<Probe> Probes(string seedImport)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        yield return new("GET", "api/health", null);
        yield return new("GET", "api/openapi.json", ApiKeys.Viewer);
        yield return new("GET", "api/openapi.json", null);
        yield return new("GET", "api/openapi.json", "no-such-key");
        foreach (var (kind, id) in new[] { ("tasks", "T021"), ("measures", "P01-M002") })
        {
            yield return new("GET", $"api/{kind}", ApiKeys.Viewer);
            yield return new("GET", $"api/{kind}?pageSize=1", ApiKeys.Viewer);
            yield return new("GET", $"api/{kind}?pageSize=0", ApiKeys.Viewer);
            yield return new("GET", $"api/{kind}/{id}", ApiKeys.Viewer);
            yield return new("GET", $"api/{kind}/{id}x", ApiKeys.Viewer);
            yield return new("GET", $"api/{kind}/{id}/history", ApiKeys.Viewer);
            yield return new("GET", $"api/{kind}/{id}x/history", ApiKeys.Viewer);
            yield return new("POST", $"api/{kind}/{id}x/status", ApiKeys.Coordinator, """{"status":"Commenced"}""");
        }

        // T011 (BMCB) is written by no other test of the seeded app.
        yield return new("POST", "api/tasks/T011/status", ApiKeys.Commerce, $$"""{"status":"Commenced","effectiveDate":"{{today}}"}""");
        yield return new("POST", "api/tasks/T011/status", ApiKeys.Commerce, """{"status":"Commenced"}""");
        yield return new("POST", "api/tasks/T011/status", ApiKeys.Commerce, """{"status":"Completed"}""", IfMatch: "\"not-the-version\"");
        yield return new("POST", "api/tasks/T011/status", ApiKeys.Viewer, """{"status":"Completed"}""");
        yield return new("POST", "api/tasks/T011/status", ApiKeys.Commerce, "{not json");
        yield return new("POST", "api/tasks/T011/status", ApiKeys.Commerce, """{"status":"Completed"}""", ContentType: "text/plain");
        yield return new("POST", "api/tasks/T011/status", ApiKeys.Commerce, $$"""{"status":"Completed","note":"{{new string('x', 2 * 1024 * 1024)}}"}""");
        yield return new("POST", "api/tasks/T011/status", null, """{"status":"Completed"}""");
        yield return new("GET", "api/programmes", ApiKeys.Viewer);
        yield return new("GET", "api/programmes/P03", ApiKeys.Viewer);
        yield return new("GET", "api/programmes/P99", ApiKeys.Viewer);
        yield return new("GET", "api/programmes?asOf=someday", ApiKeys.Viewer);
        yield return new("GET", "api/programmes/P03?asOf=someday", ApiKeys.Viewer);
        yield return new("GET", "api/progress", ApiKeys.Viewer);
        yield return new("GET", "api/progress?kind=task", ApiKeys.Viewer);
        yield return new("GET", "api/progress?kind=neither", ApiKeys.Viewer);
        yield return new("GET", "api/dashboard", ApiKeys.Viewer);
        yield return new("GET", "api/dashboard?lang=fr", ApiKeys.Viewer);
        yield return new("GET", "api/digests/latest", ApiKeys.Viewer);
        yield return new("GET", "api/digests/latest?format=pdf", ApiKeys.Viewer);
        yield return new("GET", "api/digests/2020-W01", ApiKeys.Viewer);
        yield return new("GET", "api/digests/2020-W01?lang=fr", ApiKeys.Viewer);
        yield return new("POST", "api/digests", ApiKeys.Viewer);
        yield return new("POST", "api/catalogue", ApiKeys.Viewer, "{}");
        yield return new("POST", "api/catalogue", ApiKeys.Coordinator, "{}", ContentType: "text/plain");
        yield return new("POST", "api/catalogue", ApiKeys.Coordinator, "{not json");
        yield return new("GET", "api/catalogue/import/no-such-import", ApiKeys.Viewer);
        yield return new("GET", $"api/catalogue/import/{seedImport}", ApiKeys.Viewer);
        yield return new("GET", "api/indicators", ApiKeys.Viewer);
        yield return new("GET", "api/indicators?year=1900", ApiKeys.Viewer);
        yield return new("GET", "api/indicators/no-such-indicator", ApiKeys.Viewer);
        yield return new("GET", "api/indicators/no-such-indicator/history", ApiKeys.Viewer);
        yield return new("POST", "api/indicators/no-such-indicator/actuals", ApiKeys.Viewer, "{}");
        yield return new("POST", "api/indicators", ApiKeys.Viewer, "{}");
        yield return new("GET", "api/seals", ApiKeys.Viewer);
        yield return new("GET", "api/seals?limit=0", ApiKeys.Viewer);
        yield return new("GET", "api/seals/999999", ApiKeys.Viewer);
        yield return new("POST", "api/seals", ApiKeys.Viewer);
        yield return new("GET", "api/verify", ApiKeys.Viewer);
        yield return new("GET", "api/verify?seal=999999", ApiKeys.Viewer);
        yield return new("GET", "api/history/export", ApiKeys.Viewer);
        yield return new("GET", "api/export?format=xlsx", ApiKeys.Viewer);
        yield return new("GET", "api/export?format=pdf", ApiKeys.Viewer);
        yield return new("GET", "api/feed.atom", ApiKeys.Viewer);
        yield return new("GET", "api/feed.atom?lang=fr", ApiKeys.Viewer);
        yield return new("GET", "api/deadlines.ics", ApiKeys.Viewer);
        yield return new("GET", "api/deadlines.ics?agency=not%20an%20id", ApiKeys.Viewer);
        yield return new("POST", "api/status-updates", ApiKeys.Coordinator, "id,status\r\nT001,Proposed\r\n", ContentType: "text/csv");
        yield return new("POST", "api/status-updates", ApiKeys.Coordinator, "identifier,state\r\nT001,Proposed\r\n", ContentType: "text/csv");
        yield return new("POST", "api/status-updates", ApiKeys.Coordinator, "{}");
        yield return new("POST", "api/status-updates", ApiKeys.Viewer, "id,status\r\n", ContentType: "text/csv");
        yield return new("POST", "api/status-updates", ApiKeys.Coordinator, new string('x', (4 * 1024 * 1024) + 1), ContentType: "text/csv");
        foreach (var (kind, id) in ((string, string)[])[("tasks", "T001"), ("measures", "P01-M001")])
        {
            yield return new("GET", $"api/{kind}/{id}/evidence", ApiKeys.Viewer);
            yield return new("GET", $"api/{kind}/{id}x/evidence", ApiKeys.Viewer);
            yield return new("GET", $"api/{kind}/{id}/evidence/{new string('0', 64)}", ApiKeys.Viewer);
            yield return new("POST", $"api/{kind}/{id}/evidence", ApiKeys.Viewer, "%PDF-1.4", ContentType: "application/pdf");
            yield return new("POST", $"api/{kind}/{id}/evidence", ApiKeys.Coordinator, "not a document", ContentType: "application/pdf");
            yield return new("POST", $"api/{kind}/{id}x/evidence", ApiKeys.Coordinator, "%PDF-1.4", ContentType: "application/pdf");
            yield return new("POST", $"api/{kind}/{id}/evidence", ApiKeys.Coordinator, "%PDF-" + new string('x', 10 * 1024 * 1024), ContentType: "application/pdf");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Probe probe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path);
        if (probe.Key is not null)
        {
            request.Headers.Add("x-functions-key", probe.Key);
        }

        if (probe.IfMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", probe.IfMatch);
        }

        if (probe.Body is not null)
        {
            request.Content = new StringContent(probe.Body, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(probe.ContentType);
        }

        return await app.Http.SendAsync(request);
    }

    /// <summary>"METHOD /api/path" of every documented operation.</summary>
    private static Dictionary<string, JsonObject> Operations(JsonObject document)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                result[$"{method.ToUpperInvariant()} {path}"] = operation!.AsObject();
            }
        }

        return result;
    }

    /// <summary>The documented operation a request reaches; a literal segment beats a parameter, as in the host's routing.</summary>
    private static string? Match(IEnumerable<string> operations, string method, string path)
    {
        var requested = "/" + path.Split('?')[0];
        return operations
            .Where(o => o.StartsWith(method + " ", StringComparison.Ordinal))
            .Where(o => Regex.IsMatch(requested, "^" + Parameter().Replace(Regex.Escape(o[(method.Length + 1)..]), "[^/]+") + "$"))
            .OrderBy(o => o.Count(c => c == '{'))
            .FirstOrDefault();
    }

    private static void AssertMatchesSchema(JsonObject document, JsonObject schema, string body, string what)
    {
        // The document is OpenAPI 3.0 ("nullable": true); JSON Schema 2020-12 says the same with a type array.
        var root = ToJsonSchema(schema.DeepClone()).AsObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = ToJsonSchema(document["components"]!["schemas"]!.DeepClone());
        var text = root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var evaluation = JsonSchema.FromText(text).Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = evaluation.Details?.Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}") ?? [];
        Assert.True(evaluation.IsValid, $"{what}: the body does not validate against its schema: {string.Join(" | ", errors)}\n{body[..Math.Min(body.Length, 2000)]}");

        // The exporter marks no property required, so the schema alone would accept an empty object: every non-nullable
        // property must be there, and nothing undocumented.
        AssertSameProperties(document, schema, JsonNode.Parse(body), what);
    }

    private static void AssertSameProperties(JsonObject document, JsonNode schema, JsonNode? value, string where)
    {
        Assert.True(schema is JsonObject, $"{where}: the schema {schema.ToJsonString()} says nothing");
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            AssertSameProperties(document, document["components"]!["schemas"]![reference.Split('/')[^1]]!, value, where);
            return;
        }

        if (value is JsonArray array && schema["items"] is { } items)
        {
            foreach (var element in array)
            {
                AssertSameProperties(document, items, element, where + "[]");
            }
        }

        if (value is JsonObject body && schema["properties"] is JsonObject properties)
        {
            var undocumented = body.Select(p => p.Key).Where(k => !properties.ContainsKey(k)).ToList();
            Assert.True(undocumented.Count == 0, $"{where}: undocumented properties {string.Join(", ", undocumented)}");
            foreach (var (name, property) in properties)
            {
                var nullable = property!["nullable"]?.GetValue<bool>() == true;
                Assert.True(nullable || body.ContainsKey(name), $"{where}: the non-nullable property {name} is missing");
                if (body[name] is { } child)
                {
                    AssertSameProperties(document, property, child, where + "." + name);
                }
            }
        }
    }

    private static JsonNode ToJsonSchema(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    if (child is not null && name != "enum")
                    {
                        o[name] = ToJsonSchema(child.DeepClone());
                    }
                }

                if (o["nullable"]?.GetValue<bool>() == true)
                {
                    o.Remove("nullable");
                    if (o["type"] is JsonValue type)
                    {
                        o["type"] = new JsonArray(type.GetValue<string>(), "null");
                    }

                    if (o["enum"] is JsonArray values)
                    {
                        values.Add(null);
                    }
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } element)
                    {
                        a[i] = ToJsonSchema(element.DeepClone());
                    }
                }

                return a;
            default:
                return node;
        }
    }

    private static string SchemaName(JsonObject schema) =>
        (schema["$ref"] ?? schema["items"]?["$ref"])?.GetValue<string>().Split('/')[^1] ?? "(inline)";

    [GeneratedRegex(@"^GET /api/(digests/|indicators/|seals/|verify|(tasks|measures)/\{id\}/evidence/)")]
    private static partial Regex NoneHere();

    [GeneratedRegex(@"\\\{[A-Za-z_][A-Za-z0-9_]*}")]
    private static partial Regex Parameter();

    private sealed record Probe(string Method, string Path, string? Key, string? Body = null, string? IfMatch = null, string ContentType = "application/json");
}
