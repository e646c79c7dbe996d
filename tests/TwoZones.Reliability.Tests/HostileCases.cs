using System.Text;
using TwoZones.Reliability.Tests.Infrastructure;
using TwoZones.Testing;
using static TwoZones.Reliability.Tests.Infrastructure.HostileClient;

namespace TwoZones.Reliability.Tests;

/// <summary>
/// The hostile requests, by what they attack. The store they run against (<see cref="HostileInputTests"/>): T005 and
/// T007 are Proposed and led by BMCB, T002 is led by BMSTC, T001 is Commenced and T003 Completed.
/// </summary>
public static class HostileCases
{
    private const string Json = "application/json";
    private const string Proposed = "api/tasks/T005";
    private static readonly string Commerce = DemoKeys.Commerce;
    private static readonly string Coordinator = DemoKeys.Coordinator;
    private static readonly string Viewer = DemoKeys.Viewer;

    /// <summary>Malformed, truncated, mis-encoded, deep or oddly typed status-change bodies.</summary>
    public static IEnumerable<HostileCase> StatusBodies()
    {
        string[] malformed =
        [
            "{", "}", "{\"status\":}", "{\"status\":\"Commenced\",}", "{'status':'Commenced'}", "status=Commenced", "[", "nul",
            "{\"status\":\"Commenced\"}}", "{\"status\" \"Commenced\"}", "[{\"status\":\"Commenced\"}]", "\"Commenced\"", "42", "null", "{\"status\":\"Commenced\"/*c*/}",
        ];
        foreach (var body in malformed)
        {
            yield return Post($"malformed JSON {body}", Proposed + "/status", Commerce, body, 400);
        }

        const string valid = "{\"status\":\"Commenced\",\"note\":\"kick-off\"}";
        foreach (var length in new[] { 1, 5, 10, 15, 25, valid.Length - 1 })
        {
            yield return Post($"truncated JSON at {length}", Proposed + "/status", Commerce, valid[..length], 400);
        }

        byte[][] invalidUtf8 =
        [
            [.. "{\"status\":\""u8, 0xff, 0xfe, .. "\"}"u8],
            [.. "{\"status\":\"Commenced\",\"note\":\""u8, 0xc3, 0x28, .. "\"}"u8],
            [.. "{\"status\":\"Commenced\",\"note\":\""u8, 0xed, 0xa0, 0x80, .. "\"}"u8],
        ];
        foreach (var (bytes, i) in invalidUtf8.Select((b, i) => (b, i)))
        {
            yield return new HostileCase($"invalid UTF-8 #{i}", "POST", Proposed + "/status", Commerce, bytes, Json, 400);
        }

        yield return Post("NUL in status", Proposed + "/status", Commerce, "{\"status\":\"Commenced\\u0000\"}", 400);
        yield return Post("NUL in note", Proposed + "/status", Commerce, "{\"status\":\"Commenced\",\"note\":\"a\\u0000b\"}", 400);
        yield return new HostileCase("raw NUL byte", "POST", Proposed + "/status", Commerce, [.. "{\"status\":\"Commenced\""u8, 0, .. "}"u8], Json, 400);
        yield return Post("control characters in note", Proposed + "/status", Commerce, "{\"status\":\"Commenced\",\"note\":\"\\u001b[2J\"}", 400);
        yield return Post("deep array nesting", Proposed + "/status", Commerce, new string('[', 5000) + new string(']', 5000), 400);
        yield return Post("deep object nesting", Proposed + "/status", Commerce, "{\"status\":" + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 201), 400);

        string[] wrongValues = ["1", "true", "false", "null", "[]", "{}", "1.5", "[\"Commenced\"]"];
        foreach (var value in wrongValues)
        {
            yield return Post($"status as {value}", Proposed + "/status", Commerce, $"{{\"status\":{value}}}", 400);
        }

        foreach (var field in new[] { "effectiveDate", "note", "evidenceUrl" })
        {
            foreach (var value in new[] { "20261120", "true", "[]", "{}" })
            {
                yield return Post($"{field} as {value}", Proposed + "/status", Commerce, $"{{\"status\":\"Commenced\",\"{field}\":{value}}}", 400);
            }
        }

        string[] badDates = ["2026-13-01", "2026-02-30", "2026-11-31", "26-11-20", "2026/11/20", "20261120", "2026-11-20T00:00:00Z", "", " 2026-11-20", "tomorrow", "2026-W48", Probe];
        foreach (var date in badDates)
        {
            yield return Post($"effectiveDate '{date}'", Proposed + "/status", Commerce, Body("Commenced", effectiveDate: date), 400);
        }

        var shanghaiToday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        foreach (var future in new[] { shanghaiToday.AddDays(2), shanghaiToday.AddYears(1), new DateOnly(9999, 12, 31) })
        {
            yield return Post($"future effectiveDate {future:yyyy-MM-dd}", Proposed + "/status", Commerce, Body("Commenced", effectiveDate: future.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), 422);
        }

        string[] statuses = ["Started", "Done", "commenced", "COMMENCED", "Commenced ", " Commenced", "Proposed, Commenced", "1", "Commenced\n", "", "Complete", Probe];
        foreach (var status in statuses)
        {
            yield return Post($"status '{status.Replace("\n", "\\n", StringComparison.Ordinal)}'", Proposed + "/status", Commerce, Body(status), 400);
        }

        yield return Post("Proposed to Proposed", Proposed + "/status", Commerce, Body("Proposed"), 422);
        yield return Post("skipped stage Proposed to Completed", Proposed + "/status", Commerce, Body("Completed"), 422);
        yield return Post("Completed back to Proposed", "api/tasks/T003/status", Coordinator, Body("Proposed"), 422);
        yield return Post("reopen by an official", "api/tasks/T003/status", Commerce, Body("Commenced", note: "reopen"), 403);
        yield return Post("Commenced to Commenced", "api/tasks/T001/status", Coordinator, Body("Commenced"), 422);

        string[] urls = ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/x", "not a url", "//evil.example/x", "http://example.org/" + new string('a', 3000), Probe];
        foreach (var url in urls)
        {
            yield return Post($"evidenceUrl '{(url.Length > 40 ? url[..40] : url)}'", Proposed + "/status", Commerce, Body("Commenced", evidenceUrl: url), 400);
        }

        yield return Post("note over 16,000 characters", Proposed + "/status", Commerce, Body("Commenced", note: new string('n', 16_001)), 400);
    }

    /// <summary>Ids that are too long, encoded, unicode, path-traversing or spelt differently, on every item route.</summary>
    public static IEnumerable<HostileCase> Ids()
    {
        string[] taskIds =
        [
            new string('T', 300), "T001%2F..%2F..%2Fhealth", "..%2F..%2Fhealth", "%2e%2e", "%EF%BC%B4%EF%BC%90%EF%BC%90%EF%BC%91", "T001%20", "t001", "T0001", "T1",
            "%27%20or%20%27%27%3D%27", "T001%3Bdrop", "%F0%9F%98%80", "%3Cx-probe%20onload%3Dalert(1)%3E", "T001%0A", "T999",
        ];
        foreach (var id in taskIds)
        {
            yield return Get($"task id '{Short(id)}'", $"api/tasks/{id}", Viewer, 404);
            yield return Get($"history of task id '{Short(id)}'", $"api/tasks/{id}/history", Viewer, 404);
            yield return Post($"status of task id '{Short(id)}'", $"api/tasks/{id}/status", Coordinator, Body("Commenced"), 404);
        }

        foreach (var id in new[] { "p01-m001", "P01-M1", "P01-M001%20", "P01%2FM001", "P99-M999" })
        {
            yield return Get($"measure id '{id}'", $"api/measures/{id}", Viewer, 404);
            yield return Get($"history of measure id '{id}'", $"api/measures/{id}/history", Viewer, 404);
            yield return Post($"status of measure id '{id}'", $"api/measures/{id}/status", Coordinator, Body("Commenced"), 404);
        }

        yield return Get("encoded NUL in a task id", "api/tasks/T001%00", Viewer, 400);
        yield return Get("encoded NUL in a measure id", "api/measures/P01-M001%00", Viewer, 400);
        yield return Get("programme id with markup", "api/programmes/%3Cx-probe%3E", Viewer, 404);
        yield return Get("programme id lower case", "api/programmes/p01", Viewer, 404);
        yield return Get("programme id too long", "api/programmes/" + new string('P', 500), Viewer, 404);
    }

    /// <summary>Injection strings, bad values and forged continuation tokens in every query parameter of the listings.</summary>
    public static IEnumerable<HostileCase> Filters()
    {
        string[] injections =
        [
            "P01%27%20or%20%27a%27%20eq%20%27a", "P01%20or%20PartitionKey%20ne%20%27%27", "*", "P01%00", "%3Cx-probe%3E", new string('P', 100), "P01%22", "BMCB)%20or%20(true",
        ];
        string[] tokens =
        [
            "AAAA", Convert.ToBase64String(Enumerable.Range(0, 200).Select(i => (byte)i).ToArray()), new string('A', 10_000), "..%2F..%2F", "%3Cx-probe%3E",
            Convert.ToBase64String("{\"pk\":\"x\",\"rk\":\"y\"}"u8.ToArray()), "eyJub3QiOiJvdXJzIn0", "%00",
        ];
        foreach (var collection in new[] { "tasks", "measures" })
        {
            foreach (var value in injections)
            {
                yield return Get($"{collection} programme={Short(value)}", $"api/{collection}?programme={value}", Viewer, 400);
                yield return Get($"{collection} agency={Short(value)}", $"api/{collection}?agency={value}", Viewer, 400);
            }

            foreach (var value in new[] { "Commenced%20or%20true", "commenced%27", "4", "Proposed,Commenced", "%3Cx-probe%3E" })
            {
                yield return Get($"{collection} status={value}", $"api/{collection}?status={value}", Viewer, 400);
            }

            foreach (var value in new[] { "maybe", "1", "yes" })
            {
                yield return Get($"{collection} overdue={value}", $"api/{collection}?overdue={value}", Viewer, 400);
            }

            foreach (var value in new[] { "0", "-1", "201", "1e3", "abc" })
            {
                yield return Get($"{collection} pageSize={value}", $"api/{collection}?pageSize={value}", Viewer, 400);
            }

            foreach (var token in tokens)
            {
                // A token longer than a request line may be is refused by the server itself: 414.
                yield return Get($"{collection} forged token {Short(token)}", $"api/{collection}?continuationToken={Uri.EscapeDataString(token)}", Viewer, token.Length > 8000 ? 414 : 400);
            }
        }

        foreach (var kind in new[] { "all", "task%27", "%3Cx-probe%3E", "tasks" })
        {
            yield return Get($"progress kind={kind}", $"api/progress?kind={kind}", Viewer, 400);
        }
    }

    /// <summary>Garbage <c>If-Match</c> and <c>Idempotency-Key</c> values.</summary>
    public static IEnumerable<HostileCase> Preconditions()
    {
        foreach (var ifMatch in new[] { "garbage", "\"0\"", "W/\"x\"", "\"" + new string('v', 500) + "\"", "\"\"", "\"<x-probe>\"" })
        {
            yield return Post($"If-Match {Short(ifMatch)}", "api/tasks/T007/status", Commerce, Body("Commenced"), 409) with { Headers = [new("If-Match", ifMatch)] };
        }

        foreach (var key in new[] { new string('k', 65), new string('k', 4000) })
        {
            yield return Post($"Idempotency-Key of {key.Length}", "api/tasks/T007/status", Commerce, Body("Commenced"), 400) with { Headers = [new("Idempotency-Key", key)] };
        }

        yield return Post("non-ASCII Idempotency-Key", "api/tasks/T007/status", Commerce, Body("Commenced"), 400) with { Headers = [new("Idempotency-Key", "键-重试-1")] };
    }

    /// <summary>JSON sent as something else, and bodies over the limits, sized and chunked.</summary>
    public static IEnumerable<HostileCase> MediaAndSize()
    {
        string?[] types = ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", null, "application/json; charset=iso-8859-1"];
        foreach (var type in types)
        {
            yield return new HostileCase($"status change as {type ?? "no media type"}", "POST", "api/tasks/T007/status", Commerce, Encoding.UTF8.GetBytes(Body("Commenced")), type, 415);
            yield return new HostileCase($"catalogue as {type ?? "no media type"}", "POST", "api/catalogue", Coordinator, Encoding.UTF8.GetBytes(ReliabilityCatalogue.Json(3, 0)), type, 415);
        }

        var big = Encoding.UTF8.GetBytes(Body("Commenced", note: new string('x', 70 * 1024)));
        yield return new HostileCase("status body over 64 KiB", "POST", "api/tasks/T007/status", Commerce, big, Json, 413);
        yield return new HostileCase("status body over 64 KiB, chunked", "POST", "api/tasks/T007/status", Commerce, big, Json, 413) { Chunked = true };
        var huge = Encoding.UTF8.GetBytes("{\"agencies\":[],\"pad\":\"" + new string('x', 17 * 1024 * 1024) + "\"}");
        yield return new HostileCase("catalogue over 16 MiB", "POST", "api/catalogue", Coordinator, huge, Json, 413);
        yield return new HostileCase("catalogue over 16 MiB, chunked", "POST", "api/catalogue", Coordinator, huge, Json, 413) { Chunked = true };
    }

    /// <summary>Keys that are almost right, and officials reaching for what is not theirs.</summary>
    public static IEnumerable<HostileCase> Identity()
    {
        yield return Get("no key", "api/progress", null, 401);
        string[] keys = ["LOCAL-VIEWER-KEY", "Local-Viewer-Key", "local-viewer-keyx", "local-viewer-ke", new string('k', 300), "Bearer local-viewer-key", DemoKeys.Sha256(DemoKeys.Viewer)];
        foreach (var key in keys)
        {
            yield return Get($"key '{Short(key)}'", "api/progress", key, 401);
        }

        // A header value outside ASCII is refused before anyone looks at it as a key.
        yield return Get("key padded with a no-break space", "api/progress", "local-viewer-key\u00a0", 400);
        yield return Get("doubled key header", "api/progress", null, 401) with { Headers = [new("x-functions-key", Viewer), new("x-functions-key", Viewer)] };
        foreach (var code in new[] { "%20local-viewer-key", "local-viewer-key%20", "LOCAL-VIEWER-KEY", "%E9%92%A5%E5%8C%99", "%3Cx-probe%3E", "local-viewer-key%00" })
        {
            yield return Get($"code '{code}'", $"api/progress?code={code}", null, 401);
        }

        yield return Post("official on another agency's task", "api/tasks/T002/status", Commerce, Body("Commenced"), 403);
        yield return Post("official on another agency's task, lower case", "api/tasks/t002/status", Commerce, Body("Commenced"), 404);
        yield return Post("official on another agency's task, padded", "api/tasks/T002%20/status", Commerce, Body("Commenced"), 404);
        yield return Post("official on another agency's task, short form", "api/tasks/T02/status", Commerce, Body("Commenced"), 404);
        yield return Post("other agency's official on a BMCB task", "api/tasks/T005/status", ReliabilityApp.ScienceKey, Body("Commenced"), 403);
        yield return Post("official on another agency's measure", "api/measures/P02-M001/status", Commerce, Body("Commenced"), 403);
        yield return Post("viewer changing status", "api/tasks/T005/status", Viewer, Body("Commenced"), 403);
        yield return Post("official importing a catalogue", "api/catalogue", Commerce, ReliabilityCatalogue.Json(3, 0), 403);
        yield return Post("official building a digest", "api/digests", Commerce, "{}", 403);
        yield return Post("viewer building a digest", "api/digests", Viewer, "{}", 403);
    }

    /// <summary>Methods no route serves.</summary>
    public static IEnumerable<HostileCase> Methods()
    {
        (string Path, string[] Methods)[] routes =
        [
            ("api/health", ["POST", "DELETE"]), ("api/progress", ["POST", "PUT"]), ("api/programmes", ["POST", "DELETE"]), ("api/programmes/P01", ["PUT", "DELETE"]),
            ("api/tasks", ["POST", "DELETE"]), ("api/tasks/T001", ["PUT", "PATCH", "DELETE"]), ("api/tasks/T001/status", ["GET", "PUT"]),
            ("api/tasks/T001/history", ["POST", "DELETE"]), ("api/measures", ["POST"]), ("api/measures/P01-M001", ["PUT", "DELETE"]),
            ("api/measures/P01-M001/status", ["GET"]), ("api/catalogue", ["GET", "PUT", "DELETE"]), ("api/digests", ["GET", "PUT"]),
            ("api/digests/latest", ["POST", "DELETE"]), ("api/dashboard", ["POST"]), ("api/openapi.json", ["POST", "DELETE"]),
        ];
        foreach (var (path, methods) in routes)
        {
            foreach (var method in methods)
            {
                yield return new HostileCase($"{method} on {path}", method, path, Coordinator, method is "GET" or "DELETE" ? null : "{}"u8.ToArray(), method is "GET" or "DELETE" ? null : Json, 405);
            }
        }
    }

    /// <summary>Catalogue files that must be refused whole.</summary>
    public static IEnumerable<HostileCase> Catalogues()
    {
        string[] malformed = ["{", "[]", "null", "\"catalogue\"", "{\"agencies\":{}}", new string('[', 3000) + new string(']', 3000), "{\"agencies\":[{\"id\":1}]}"];
        foreach (var body in malformed)
        {
            yield return Post($"malformed catalogue {Short(body)}", "api/catalogue", Coordinator, body, 400);
        }

        var valid = ReliabilityCatalogue.Json(3, 0);
        string[] invalid =
        [
            "{}", "{\"programmes\":[]}", "{\"agencies\":[],\"programmes\":[],\"tasks\":[],\"measures\":[]}",
            valid.Replace("\"BMCB\"", "\"<x-probe>\"", StringComparison.Ordinal),
            valid.Replace("\"T002\"", "\"T001\"", StringComparison.Ordinal),
            valid.Replace("\"programme\":\"P02\"", "\"programme\":\"P77\"", StringComparison.Ordinal),
            valid.Replace("\"id\":\"T003\"", "\"id\":\"T003\",\"status\":\"Completed\"", StringComparison.Ordinal),
            valid.Replace("\"id\":\"T003\"", "\"id\":\"T003\",\"status\":\"Commenced\",\"commencedOn\":\"2999-01-01\"", StringComparison.Ordinal),
            valid.Replace("\"T003\"", "\"" + new string('T', 2000) + "\"", StringComparison.Ordinal),
            valid.Replace("\"titleEn\":\"Item T001\"", "\"titleEn\":\"\"", StringComparison.Ordinal),
            valid.Replace("\"plannedCompletion\":\"2099-12-31\"", "\"plannedCompletion\":\"2098-01-01\"", StringComparison.Ordinal),
        ];
        foreach (var (body, i) in invalid.Select((b, i) => (b, i)))
        {
            yield return Post($"invalid catalogue #{i}", "api/catalogue", Coordinator, body, 422);
        }

        yield return new HostileCase("catalogue in invalid UTF-8", "POST", "api/catalogue", Coordinator, [.. Encoding.UTF8.GetBytes(valid[..40]), 0xff, .. Encoding.UTF8.GetBytes(valid[40..])], Json, 400);
    }

    /// <summary>Digest weeks, languages and formats, the dashboard's reflected values, and import ids.</summary>
    public static IEnumerable<HostileCase> Queries()
    {
        foreach (var week in new[] { "2026-W99", "2026-W00", "abc", "2026-W1", "99999-W01", "%3Cx-probe%3E", "2026-W48%20", "2026-w48x" })
        {
            yield return Get($"digest week {week}", $"api/digests/{week}", Viewer, 400);
        }

        yield return Get("digest week with NUL", "api/digests/2026-W48%00", Viewer, 400);
        foreach (var query in new[] { "lang=fr", "lang=%3Cx-probe%3E", "format=pdf", "format=%3Cx-probe%3E", "lang=en&format=exe" })
        {
            yield return Get($"digest {query}", $"api/digests/latest?{query}", Viewer, null);
        }

        foreach (var query in new[] { "lang=fr", "lang=%3Cx-probe%3E", "lang=%00", "lang=en%22%3E%3Cscript%3E" })
        {
            yield return Get($"dashboard {query}", $"api/dashboard?{query}", Viewer, 400);
        }

        yield return Get("dashboard with a probe as key", "api/dashboard?code=%3Cx-probe%3E", null, 401);
        yield return Get("dashboard without a key", "api/dashboard", null, 401);
        foreach (var id in new[] { "%3Cx-probe%3E", "import-zzzz", "import-0123456789abcdeg", "import-" + new string('a', 500), "digest-2026-W48" })
        {
            yield return Get($"import status {Short(id)}", $"api/catalogue/import/{id}", Coordinator, 404);
        }
    }

    private static HostileCase Get(string name, string path, string? key, int? expected) => new(name, "GET", path, key, null, null, expected);

    private static HostileCase Post(string name, string path, string? key, string body, int? expected) =>
        new(name, "POST", path, key, Encoding.UTF8.GetBytes(body), Json, expected);

    private static string Body(string status, string? effectiveDate = null, string? note = null, string? evidenceUrl = null)
    {
        var body = new Dictionary<string, string> { ["status"] = status };
        if (effectiveDate is not null)
        {
            body["effectiveDate"] = effectiveDate;
        }

        if (note is not null)
        {
            body["note"] = note;
        }

        if (evidenceUrl is not null)
        {
            body["evidenceUrl"] = evidenceUrl;
        }

        return System.Text.Json.JsonSerializer.Serialize(body);
    }

    private static string Short(string text) => text.Length > 24 ? text[..24] + "…" : text;
}
