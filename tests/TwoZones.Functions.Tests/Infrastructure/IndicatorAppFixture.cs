using System.Net;
using System.Text.Json;
using TwoZones.Testing;

namespace TwoZones.Functions.Tests.Infrastructure;

/// <summary>The app with <see cref="TestCatalogues.Small"/> (whose Commenced T005 has had no news since 2024) and <c>data/indicators.sample.json</c> imported.</summary>
public sealed class IndicatorAppFixture : FunctionsAppFixture
{
    public static string SampleFile => File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "data", "indicators.sample.json"));

    public JsonElement FirstImport { get; private set; }

    public Task<HttpResponseMessage> PostIndicatorsAsync(string json, string key = ApiKeys.Coordinator) =>
        SendAsync(HttpMethod.Post, "api/indicators", key, json);

    protected override async Task SeedAsync()
    {
        await ImportAsync(TestCatalogues.Small());
        using var response = await PostIndicatorsAsync(SampleFile);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /api/indicators answered {(int)response.StatusCode}: {text}");
        FirstImport = JsonDocument.Parse(text).RootElement.Clone();
        await WaitUntilAsync(async () => (await GetJsonAsync("api/progress")).GetProperty("total").GetInt32() == 35, TimeSpan.FromSeconds(30), "progress to count the seed");
    }
}
