using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TwoZones.Core.Catalogue;
using TwoZones.Functions.Tests.Infrastructure;

namespace TwoZones.Functions.Tests;

/// <summary>
/// <c>POST /api/catalogue</c> and the import orchestration, on a store that holds only what these tests import: the 251-task catalogue
/// (246 commenced). The faulty catalogue uses ids (T901…) no other catalogue has, and must leave no trace.
/// </summary>
public sealed class CatalogueImportTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    /// <summary>How long the app serves progress figures without refreshing (ProgressCache.MaxAge), and a little more.</summary>
    private static readonly TimeSpan ProgressCacheMaxAge = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task A_catalogue_of_251_tasks_with_246_commenced_shows_98_0_percent_commenced_and_importing_it_again_changes_nothing()
    {
        var json = CatalogueJson.Serialize(TestCatalogues.Commenced246Of251());
        var expectedId = "import-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];

        // Figures read before the import, so the cache has something stale to serve afterwards if it were allowed to.
        await app.GetJsonAsync("api/progress");
        await Task.Delay(ProgressCacheMaxAge);

        using var accepted = await app.PostCatalogueAsync(json);
        var acceptedText = await accepted.Content.ReadAsStringAsync();
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, acceptedText);
        var body = JsonDocument.Parse(acceptedText).RootElement;
        Assert.Equal(expectedId, body.GetProperty("id").GetString());
        var statusUri = body.GetProperty("statusQueryGetUri").GetString()!;
        Assert.EndsWith("/api/catalogue/import/" + expectedId, statusUri, StringComparison.Ordinal);
        Assert.Equal(statusUri, accepted.Headers.Location?.ToString());

        var first = await app.WaitForImportAsync(statusUri);
        Assert.Equal(251, first.GetProperty("counts").GetProperty("items").GetInt32());
        var counts = first.GetProperty("counts");
        Assert.True(counts.GetProperty("created").GetInt32() + counts.GetProperty("unchanged").GetInt32() == 251, $"{first}\n{app.Host.Output[^Math.Min(6000, app.Host.Output.Length)..]}");
        // At-least-once activities may count an item a retried batch had already created as unchanged; together they are the file.
        Assert.InRange(counts.GetProperty("created").GetInt32(), 1, 251);
        Assert.EndsWith("Z", first.GetProperty("createdAt").GetString(), StringComparison.Ordinal);

        // The import invalidates the figures as it ends: the very first read after it already counts every item.
        var progress = await app.GetJsonAsync("api/progress");
        Assert.Equal(251, progress.GetProperty("total").GetInt32());
        Assert.Equal(246, progress.GetProperty("commenced").GetInt32());
        Assert.Equal(5, progress.GetProperty("proposed").GetInt32());
        Assert.Equal(98.0, progress.GetProperty("commencedPct").GetDouble());
        Assert.Contains("\"commencedPct\":98.0", await (await app.GetAsync("api/progress")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(10, progress.GetProperty("programmes").GetArrayLength());

        // Imported status comes with its history, and a re-import never moves it.
        var history = await app.GetJsonAsync("api/tasks/T001/history");
        Assert.True(history.GetProperty("chainValid").GetBoolean());
        using (var moved = await app.PostStatusAsync("api/tasks/T250/status", ApiKeys.Commerce, new { status = "Commenced" }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var again = await app.ImportAsync(json);
        Assert.Equal(expectedId, again.GetProperty("id").GetString());
        Assert.Equal(0, again.GetProperty("counts").GetProperty("created").GetInt32());
        Assert.Equal(251, again.GetProperty("counts").GetProperty("unchanged").GetInt32());
        Assert.Equal("Commenced", (await app.GetJsonAsync("api/tasks/T250")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_faulty_catalogue_is_422_listing_every_error_and_nothing_is_written()
    {
        var faulty = TestCatalogues.Faulty();
        var expected = CatalogueValidator.Validate(faulty);
        Assert.True(expected.Count >= 5);

        var problem = await Problems.AssertAsync(await app.PostCatalogueAsync(CatalogueJson.Serialize(faulty)), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(expected.Count, problem.GetProperty("errorCount").GetInt32());
        var messages = problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString())).ToList();
        Assert.Equal(expected.Count, messages.Count);
        Assert.All(expected, e => Assert.Contains(e.Message, messages));

        foreach (var id in new[] { "T901", "T902", "T903", "T904", "T905" })
        {
            await Problems.AssertAsync(await app.GetAsync($"api/tasks/{id}"), HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Malformed_oversized_and_non_coordinator_uploads_are_refused()
    {
        var malformed = await Problems.AssertAsync(await app.PostCatalogueAsync("{\"tasks\": [ {\"id\": 7} ]}"), HttpStatusCode.BadRequest);
        Assert.True(malformed.TryGetProperty("errors", out _));
        await Problems.AssertAsync(await app.PostCatalogueAsync("{\"tasks\": ["), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await app.PostCatalogueAsync("{}", ApiKeys.Commerce), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await app.PostCatalogueAsync("{}", ApiKeys.Viewer), HttpStatusCode.Forbidden);

        var huge = "{\"agencies\": [], \"padding\": \"" + new string('x', (16 * 1024 * 1024) + 16) + "\"}";
        await Problems.AssertAsync(await app.PostCatalogueAsync(huge), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_client_principal_header_is_not_trusted_unless_the_deployment_enables_it()
    {
        var coordinator = FunctionsAppFixture.ClientPrincipal(("name", "Mallory"), ("preferred_username", "mallory@example.org"), ("roles", "TwoZones.Coordinator"));
        using var response = await app.SendAsync(HttpMethod.Get, "api/progress", key: null, configure: r => r.Headers.Add("X-MS-CLIENT-PRINCIPAL", coordinator));
        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized);
    }
}
