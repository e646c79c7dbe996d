using System.Net.Http.Headers;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Tests.Infrastructure;

namespace TwoZones.Functions.Tests.Offices;

/// <summary>
/// The app seeded with <see cref="TestCatalogues.Small"/> plus T031, whose titles would run as formulas in a spreadsheet, for the tests of
/// exports, sheet uploads, feeds, calendars and evidence files (they change statuses, so they have a store of their own).
/// </summary>
public sealed class OfficeAppFixture : FunctionsAppFixture
{
    public const string FormulaTitle = "=HYPERLINK(\"http://evil.example\",\"click\")";

    public const string FormulaTitleZh = "@SUM(1+1)*cmd|' /C calc'!A0";

    public static Catalogue Catalogue()
    {
        var small = TestCatalogues.Small();
        var formula = TestCatalogues.Item("T031", ItemKind.Task, "P03", "BMCB", ItemStatus.Proposed, new DateOnly(2099, 1, 1)) with
        {
            TitleEn = FormulaTitle,
            TitleZh = FormulaTitleZh,
            District = "-Haidian",
            CoAgencies = ["BMSTC", "BMHC"],
        };
        return small with { Tasks = [.. small.Tasks, formula] };
    }

    protected override async Task SeedAsync()
    {
        await ImportAsync(Catalogue());
        await WaitUntilAsync(async () => (await GetJsonAsync("api/progress")).GetProperty("total").GetInt32() == 36, TimeSpan.FromSeconds(30), "progress to count the seed");
    }

    public async Task<HttpResponseMessage> PostFileAsync(string path, string key, byte[] body, string contentType, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("x-functions-key", key);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        configure?.Invoke(request);
        return await Http.SendAsync(request);
    }

    public async Task<byte[]> GetBytesAsync(string path, string key = ApiKeys.Viewer)
    {
        using var response = await GetAsync(path, key);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        return bytes;
    }
}
