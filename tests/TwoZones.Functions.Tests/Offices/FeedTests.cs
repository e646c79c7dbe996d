using System.Net;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Ical.Net;
using TwoZones.Functions.Tests.Infrastructure;

namespace TwoZones.Functions.Tests.Offices;

/// <summary>
/// <c>GET /api/feed.atom</c> and <c>GET /api/deadlines.ics</c>, read with System.ServiceModel.Syndication and Ical.Net, and checked against
/// the rules a feed validator applies (RFC 4287: feed and entries have id, title and updated; ids unique; an author; a self link).
/// </summary>
[Collection(OfficeAppCollection.Name)]
public sealed class FeedTests(OfficeAppFixture app)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task The_atom_feed_lists_status_changes_newest_first_with_stable_ids_in_either_language_and_takes_the_key_in_code()
    {
        using (var moved = await app.PostStatusAsync("api/tasks/T008/status", ApiKeys.Commerce, new { status = "Commenced", note = "feed check" }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        // A feed reader sends no headers: the key is in the query string.
        using var response = await app.SendAsync(HttpMethod.Get, $"api/feed.atom?code={ApiKeys.Viewer}&programme=P01", key: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var feed = Parse(bytes);
        var document = XDocument.Parse(Encoding.UTF8.GetString(bytes));
        AssertValidAtom(document);
        Assert.DoesNotContain(ApiKeys.Viewer, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        var items = feed.Items.ToList();
        Assert.NotEmpty(items);
        var newest = items[0];
        Assert.StartsWith("T008 Commenced", newest.Title.Text, StringComparison.Ordinal);
        Assert.Contains("feed check", ((TextSyndicationContent)newest.Content).Text, StringComparison.Ordinal);
        var history = await app.GetJsonAsync("api/tasks/T008/history");
        var entry = history.GetProperty("items").EnumerateArray().Last();
        Assert.Equal($"urn:twozones:transition:T008:{entry.GetProperty("seq").GetInt32()}", newest.Id);
        // Atom dates are written to the second (RFC 3339 allows it).
        var recordedAt = entry.GetProperty("recordedAt").GetDateTimeOffset();
        Assert.Equal(recordedAt.AddTicks(-(recordedAt.Ticks % TimeSpan.TicksPerSecond)), newest.LastUpdatedTime);
        Assert.Equal(newest.LastUpdatedTime, feed.LastUpdatedTime);
        Assert.Equal(items.Select(i => i.LastUpdatedTime).OrderByDescending(t => t), items.Select(i => i.LastUpdatedTime));
        Assert.All(items, i => Assert.Equal("P01", i.Categories.Single(c => c.Scheme == "urn:twozones:programme").Name));

        // The same request gives the same ids and times; Chinese titles come with lang=zh.
        var again = Parse(await app.GetBytesAsync("api/feed.atom?programme=P01"));
        Assert.Equal(items.Select(i => (i.Id, i.LastUpdatedTime)), again.Items.Select(i => (i.Id, i.LastUpdatedTime)));
        Assert.Equal(feed.Id, again.Id);
        var zh = Parse(await app.GetBytesAsync("api/feed.atom?programme=P01&lang=zh"));
        Assert.Equal("zh", zh.Language);
        Assert.StartsWith("T008 已启动：改革事项 T008", zh.Items.First().Title.Text, StringComparison.Ordinal);
        Assert.NotEqual(feed.Id, zh.Id);

        // Another agency's feed does not carry it.
        var science = Parse(await app.GetBytesAsync("api/feed.atom?agency=BMSTC"));
        Assert.DoesNotContain(science.Items, i => i.Id.StartsWith("urn:twozones:transition:T008:", StringComparison.Ordinal));

        await Problems.AssertAsync(await app.SendAsync(HttpMethod.Get, "api/feed.atom", key: null), HttpStatusCode.Unauthorized);
        await Problems.AssertAsync(await app.GetAsync("api/feed.atom?lang=fr"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_calendar_has_one_event_per_planned_date_with_stable_uids_and_marks_overdue_ones()
    {
        using var response = await app.SendAsync(HttpMethod.Get, $"api/deadlines.ics?code={ApiKeys.Viewer}&programme=P01", key: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;

        // P01: T001–T010 and P01-M001…M005, each with a planned commencement and completion.
        Assert.Equal(30, calendar.Events.Count);
        Assert.Equal(calendar.Events.Count, calendar.Events.Select(e => e.Uid).Distinct().Count());
        var t001Start = calendar.Events.Single(e => e.Uid == "T001-commencement@twozones");
        Assert.Equal(new DateOnly(2020, 1, 1), DateOnly.FromDateTime(t001Start.DtStart!.Value));
        Assert.False(t001Start.DtStart.HasTime);
        Assert.Contains("OVERDUE", t001Start.Categories);
        Assert.StartsWith("[OVERDUE] T001 planned commencement", t001Start.Summary, StringComparison.Ordinal);
        var t005Start = calendar.Events.Single(e => e.Uid == "T005-commencement@twozones");
        Assert.DoesNotContain("OVERDUE", t005Start.Categories);
        Assert.Contains("DONE", t005Start.Categories);
        var t001End = calendar.Events.Single(e => e.Uid == "T001-completion@twozones");
        Assert.Equal(new DateOnly(2099, 12, 31), DateOnly.FromDateTime(t001End.DtStart!.Value));
        Assert.DoesNotContain("OVERDUE", t001End.Categories);

        var zh = Calendar.Load(Encoding.UTF8.GetString(await app.GetBytesAsync("api/deadlines.ics?agency=BMCB&lang=zh")))!;
        Assert.StartsWith("【逾期】T001 计划启动：改革事项 T001", zh.Events.Single(e => e.Uid == "T001-commencement@twozones").Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(zh.Events, e => e.Uid!.StartsWith("T016-", StringComparison.Ordinal));

        var again = Calendar.Load(Encoding.UTF8.GetString(await app.GetBytesAsync("api/deadlines.ics?programme=P01")))!;
        Assert.Equal(calendar.Events.Select(e => (e.Uid, e.DtStamp!.Value)), again.Events.Select(e => (e.Uid, e.DtStamp!.Value)));
    }

    private static SyndicationFeed Parse(byte[] bytes)
    {
        using var reader = XmlReader.Create(new MemoryStream(bytes));
        return SyndicationFeed.Load(reader);
    }

    /// <summary>The checks of the W3C feed validator that a generator can get wrong.</summary>
    private static void AssertValidAtom(XDocument document)
    {
        var feed = document.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        foreach (var element in (XName[])[Atom + "id", Atom + "title", Atom + "updated"])
        {
            Assert.Single(feed.Elements(element));
        }

        Assert.NotEmpty(feed.Elements(Atom + "author"));
        Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(entries.Count, entries.Select(e => e.Element(Atom + "id")!.Value).Distinct().Count());
        foreach (var entry in entries)
        {
            Assert.True(Uri.TryCreate(entry.Element(Atom + "id")!.Value, UriKind.Absolute, out _));
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "title")!.Value));
            var updated = entry.Element(Atom + "updated")!.Value;
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", updated);
            Assert.NotEmpty(entry.Elements(Atom + "author"));
        }
    }
}
