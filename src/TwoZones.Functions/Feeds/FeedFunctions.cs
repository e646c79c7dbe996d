using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Core.History;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Time;
using TwoZones.Functions.Exports;
using TwoZones.Functions.Http;
using TwoZones.Storage;

namespace TwoZones.Functions.Feeds;

/// <summary>
/// <c>GET /api/feed.atom</c> (status changes) and <c>GET /api/deadlines.ics</c> (planned dates), for feed readers and calendar apps,
/// which cannot send headers: the key may come in <c>?code=</c>.
/// </summary>
/// <param name="items">The stored items.</param>
/// <param name="repository">Item storage, for the history entries of a period.</param>
/// <param name="catalogue">The stored catalogue (its import time dates an empty feed).</param>
/// <param name="time">The server clock.</param>
public sealed class FeedFunctions(StoredItems items, ItemRepository repository, CatalogueRepository catalogue, TimeProvider time)
{
    /// <summary>Most entries in a feed.</summary>
    public const int MaxEntries = 200;

    /// <summary>How far back a feed looks for changes.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(366);

    /// <summary>The Atom feed of status changes.</summary>
    /// <param name="req">The request.</param>
    /// <returns>The feed.</returns>
    [Function("GetStatusFeed")]
    [FeedEndpoint(FeedFormat.Atom)]
    public async Task<IActionResult> Feed([HttpTrigger(AuthorizationLevel.Function, "get", Route = "feed.atom")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (filter, language) = (Filter(req), FeedLanguage.Of(req));
        var cancellationToken = req.HttpContext.RequestAborted;
        var selected = (await items.ReadAsync(null, filter, cancellationToken)).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var recorded = await repository.ReadTransitionsRecordedAsync(now - Window, now.AddMinutes(1), cancellationToken);
        var changes = recorded
            .Where(p => selected.ContainsKey(p.Key))
            .SelectMany(p => p.Value.Where(IsStatusChange).Select(e => (Item: selected[p.Key], Change: e)))
            .OrderByDescending(c => c.Change.RecordedAt)
            .ThenBy(c => c.Item.Id, StringComparer.Ordinal)
            .ThenByDescending(c => c.Change.Seq)
            .Take(MaxEntries)
            .ToList();
        var feedId = $"urn:twozones:feed:{filter.Programme ?? "all"}:{filter.Agency ?? "all"}:{FeedLanguage.Code(language)}";
        var emptyUpdated = await catalogue.GetSavedAtAsync(cancellationToken) ?? DateTimeOffset.UnixEpoch;
        var body = StatusFeed.Render(changes, feedId, SelfUri(req), i => ItemUri(req, i), language, emptyUpdated);
        return new FileResponse(body, StatusFeed.ContentType);
    }

    /// <summary>The iCalendar of planned dates.</summary>
    /// <param name="req">The request.</param>
    /// <returns>The calendar.</returns>
    [Function("GetDeadlineCalendar")]
    [FeedEndpoint(FeedFormat.Calendar)]
    public async Task<IActionResult> Deadlines([HttpTrigger(AuthorizationLevel.Function, "get", Route = "deadlines.ics")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (filter, language) = (Filter(req), FeedLanguage.Of(req));
        var selected = await items.ReadAsync(null, filter, req.HttpContext.RequestAborted);
        var body = DeadlineCalendar.Render(selected, ShanghaiClock.Today(time.GetUtcNow()), language);
        return new FileResponse(body, DeadlineCalendar.ContentType, "twozones-deadlines.ics");
    }

    /// <summary>History entries that move the status (evidence entries keep it and are not news of a change).</summary>
    private static bool IsStatusChange(TransitionRecord entry) => entry.From != entry.To;

    private static ItemFilter Filter(HttpRequest req) =>
        new(QueryParameters.Identifier(req, "programme"), QueryParameters.Identifier(req, "agency"));

    /// <summary>The request's address without the key, which must not be copied into a document that may be shared.</summary>
    private static Uri SelfUri(HttpRequest req)
    {
        var query = QueryHelpers.ParseQuery(req.QueryString.Value).Where(p => !p.Key.Equals("code", StringComparison.OrdinalIgnoreCase));
        var builder = new QueryBuilder(query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? string.Empty))));
        return new Uri(UriHelper.BuildAbsolute(req.Scheme, req.Host, req.PathBase, req.Path, builder.ToQueryString()));
    }

    private static Uri ItemUri(HttpRequest req, ItemRecord item) =>
        new(UriHelper.BuildAbsolute(req.Scheme, req.Host, req.PathBase, $"/api/{(item.Kind == ItemKind.Task ? "tasks" : "measures")}/{item.Id}"));
}
