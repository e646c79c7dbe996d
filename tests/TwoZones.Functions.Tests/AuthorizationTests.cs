using System.Net;
using TwoZones.Functions.Tests.Infrastructure;

namespace TwoZones.Functions.Tests;

/// <summary>Each role (and no key, an unknown key) against each endpoint: 401 without identity, 403 below the endpoint's role or outside the agency.</summary>
[Collection(SeededAppCollection.Name)]
public sealed class AuthorizationTests(SeededAppFixture app)
{
    private const string None = "";
    private const string Unknown = "not-a-key";

    // T001 is Proposed and led by BMCB; asking to complete it is refused by the rules (422) once the caller may act on it at all.
    private static readonly string CompleteT001 = "{\"status\":\"Completed\"}";

    // Well-formed JSON that is not a catalogue: 400 once the caller may import at all.
    private static readonly string NotACatalogue = "{\"agencies\": 5}";

    public static TheoryData<string, string, string?, int> Matrix()
    {
        var data = new TheoryData<string, string, string?, int>();
        string[] reads =
        [
            "api/progress", "api/progress?kind=measure", "api/programmes", "api/programmes/P01", "api/tasks", "api/tasks/T001",
            "api/tasks/T001/history", "api/measures", "api/measures/P01-M001", "api/measures/P01-M001/history", "api/openapi.json",
            "api/progress?asOf=2024-08-21", "api/seals", "api/history/export",
        ];
        foreach (var path in reads)
        {
            data.Add("GET", path, null, 200);
        }

        data.Add("POST", "api/tasks/T001/status", CompleteT001, 0);
        data.Add("POST", "api/measures/P01-M001/status", CompleteT001, 0);
        data.Add("POST", "api/catalogue", NotACatalogue, 0);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Every_endpoint_answers_each_role_as_the_contract_says(string method, string path, string? body, int allowed)
    {
        var expected = new Dictionary<string, HttpStatusCode>
        {
            [None] = HttpStatusCode.Unauthorized,
            [Unknown] = HttpStatusCode.Unauthorized,
            [ApiKeys.Viewer] = method == "GET" ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
            [ApiKeys.Commerce] = method == "GET" ? HttpStatusCode.OK : path.Contains("catalogue", StringComparison.Ordinal) ? HttpStatusCode.Forbidden : HttpStatusCode.UnprocessableEntity,
            [ApiKeys.Science] = method == "GET" ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
            [ApiKeys.Coordinator] = method == "GET" ? HttpStatusCode.OK : path.Contains("catalogue", StringComparison.Ordinal) ? HttpStatusCode.BadRequest : HttpStatusCode.UnprocessableEntity,
        };
        Assert.True(allowed is 0 or 200);

        foreach (var (key, status) in expected)
        {
            using var response = await app.SendAsync(new HttpMethod(method), path, key.Length == 0 ? null : key, body);
            if (status == HttpStatusCode.OK)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path} as {key}: {(int)response.StatusCode}");
            }
            else
            {
                await Problems.AssertAsync(response, status);
            }
        }
    }

    [Fact]
    public async Task Health_needs_no_key_and_reports_storage()
    {
        var health = await app.GetJsonAsync("api/health", key: null);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("ok", health.GetProperty("storage").GetString());
    }

    [Fact]
    public async Task A_key_in_the_code_query_parameter_is_accepted_as_Azure_Functions_allows()
    {
        using var response = await app.Http.GetAsync($"api/progress?code={ApiKeys.Viewer}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Problems.AssertAsync(await app.Http.GetAsync("api/progress?code=wrong"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Status_import_of_an_unknown_instance_is_404()
    {
        await Problems.AssertAsync(await app.GetAsync("api/catalogue/import/import-0000000000000000"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await app.GetAsync("api/catalogue/import/digest-2026-W48"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_client_principal_of_App_Service_Authentication_identifies_callers_by_app_role_and_agency_claim()
    {
        Task<HttpResponseMessage> PostAs(string principal) =>
            app.SendAsync(HttpMethod.Post, "api/tasks/T001/status", key: null, CompleteT001, r => r.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal));

        var official = FunctionsAppFixture.ClientPrincipal(("name", "Li Wei"), ("preferred_username", "li.wei@example.gov.cn"), ("roles", "TwoZones.Official"), ("agency", "BMCB"));
        await Problems.AssertAsync(await PostAs(official), HttpStatusCode.UnprocessableEntity);

        var otherAgency = FunctionsAppFixture.ClientPrincipal(("name", "Wang Fang"), ("preferred_username", "wang.fang@example.gov.cn"), ("roles", "TwoZones.Official"), ("agency", "BMSTC"));
        await Problems.AssertAsync(await PostAs(otherAgency), HttpStatusCode.Forbidden);

        var viewer = FunctionsAppFixture.ClientPrincipal(("name", "Zhao Min"), ("preferred_username", "zhao.min@example.gov.cn"), ("roles", "TwoZones.Viewer"));
        await Problems.AssertAsync(await PostAs(viewer), HttpStatusCode.Forbidden);

        var noRole = FunctionsAppFixture.ClientPrincipal(("name", "Guest"), ("preferred_username", "guest@example.org"));
        await Problems.AssertAsync(await PostAs(noRole), HttpStatusCode.Unauthorized);
        await Problems.AssertAsync(await PostAs("%%% not base64"), HttpStatusCode.Unauthorized);

        using var read = await app.SendAsync(HttpMethod.Get, "api/progress", key: null, configure: r => r.Headers.Add("X-MS-CLIENT-PRINCIPAL", viewer));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}
