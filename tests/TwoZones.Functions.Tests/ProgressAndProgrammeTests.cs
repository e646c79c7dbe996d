using System.Net;
using TwoZones.Functions.Tests.Infrastructure;

namespace TwoZones.Functions.Tests;

/// <summary><c>/api/progress</c> and <c>/api/programmes</c> over the seeded catalogue (counts that writes in other tests do not change).</summary>
[Collection(SeededAppCollection.Name)]
public sealed class ProgressAndProgrammeTests(SeededAppFixture app)
{
    [Fact]
    public async Task Progress_counts_every_item_and_lists_all_programmes_agencies_and_districts()
    {
        var all = await app.GetJsonAsync("api/progress");
        Assert.Equal(35, all.GetProperty("total").GetInt32());
        Assert.Equal(35, all.GetProperty("proposed").GetInt32() + all.GetProperty("commenced").GetInt32() + all.GetProperty("completed").GetInt32());
        Assert.EndsWith("Z", all.GetProperty("asOf").GetString(), StringComparison.Ordinal);
        var programmes = all.GetProperty("programmes").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"P{i:00}"), programmes.Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(35, programmes.Sum(p => p.GetProperty("total").GetInt32()));
        Assert.Equal(3, all.GetProperty("agencies").GetArrayLength());
        Assert.Contains(all.GetProperty("districts").EnumerateArray(), d => d.GetProperty("district").GetString() == "Chaoyang");

        // One decimal, always written with it.
        var raw = await (await app.GetAsync("api/progress")).Content.ReadAsStringAsync();
        Assert.Matches("\"commencedPct\":\\d+\\.\\d[,}]", raw);

        Assert.Equal(30, (await app.GetJsonAsync("api/progress?kind=task")).GetProperty("total").GetInt32());
        Assert.Equal(5, (await app.GetJsonAsync("api/progress?kind=measure")).GetProperty("total").GetInt32());
        Assert.Equal(10, (await app.GetJsonAsync("api/progress?kind=measure")).GetProperty("programmes").GetArrayLength());
        await Problems.AssertAsync(await app.GetAsync("api/progress?kind=programme"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Programmes_list_with_progress_and_one_programme_with_its_items()
    {
        var list = await app.GetJsonAsync("api/programmes");
        Assert.Equal(10, list.GetArrayLength());
        var p01 = list.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "P01");
        Assert.Equal("专项 1", p01.GetProperty("nameZh").GetString());
        Assert.Equal(15, p01.GetProperty("progress").GetProperty("total").GetInt32());

        var detail = await app.GetJsonAsync("api/programmes/P01");
        Assert.Equal("BMCB", detail.GetProperty("leadAgency").GetString());
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"T{i:000}"), detail.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(5, detail.GetProperty("measures").GetArrayLength());
        Assert.Equal(15, detail.GetProperty("progress").GetProperty("total").GetInt32());

        var empty = await app.GetJsonAsync("api/programmes/P10");
        Assert.Equal(0, empty.GetProperty("tasks").GetArrayLength());
        await Problems.AssertAsync(await app.GetAsync("api/programmes/P99"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Overdue_is_judged_against_today_in_Shanghai()
    {
        var t001 = await app.GetJsonAsync("api/tasks/T001");
        Assert.True(t001.GetProperty("overdue").GetBoolean());
        var progress = await app.GetJsonAsync("api/progress?kind=task");
        var p01 = progress.GetProperty("programmes").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "P01");
        Assert.True(p01.GetProperty("overdue").GetInt32() >= 1);
        var p03 = progress.GetProperty("programmes").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "P03");
        Assert.Equal(0, p03.GetProperty("overdue").GetInt32());
    }
}
