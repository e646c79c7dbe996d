using System.Text.Json;
using TwoZones.Functions.Tests.Infrastructure;
using TwoZones.Testing;

namespace TwoZones.Functions.Tests;

/// <summary>The sample catalogue shipped in <c>data/</c> imports whole through the API.</summary>
public sealed class SampleCatalogueTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    [Fact]
    public async Task The_sample_catalogue_imports_and_progress_counts_all_of_it()
    {
        var path = Path.Combine(RepositoryRoot.Find(), "data", "catalogue.sample.json");
        Assert.True(File.Exists(path), $"{path} is missing.");
        var json = await File.ReadAllTextAsync(path);
        using var file = JsonDocument.Parse(json);
        var tasks = file.RootElement.GetProperty("tasks").GetArrayLength();
        var measures = file.RootElement.TryGetProperty("measures", out var m) ? m.GetArrayLength() : 0;

        var status = await app.ImportAsync(json);
        var counts = status.GetProperty("counts");
        Assert.Equal(tasks + measures, counts.GetProperty("items").GetInt32());
        Assert.Equal(tasks + measures, counts.GetProperty("created").GetInt32() + counts.GetProperty("unchanged").GetInt32());

        await FunctionsAppFixture.WaitUntilAsync(
            async () => (await app.GetJsonAsync("api/progress")).GetProperty("total").GetInt32() == tasks + measures,
            TimeSpan.FromSeconds(30),
            "progress to count the sample");
        var progress = await app.GetJsonAsync("api/progress");
        Assert.Equal(file.RootElement.GetProperty("programmes").GetArrayLength(), progress.GetProperty("programmes").GetArrayLength());
        Assert.Equal(tasks, (await app.GetJsonAsync("api/progress?kind=task")).GetProperty("total").GetInt32());
        Assert.Equal(10, (await app.GetJsonAsync("api/programmes")).GetArrayLength());
    }
}
