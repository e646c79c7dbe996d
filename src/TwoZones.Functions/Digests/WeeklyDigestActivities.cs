using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using TwoZones.Core.Digest;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Indicators;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;
using TwoZones.Functions.Orchestration;
using TwoZones.Functions.Progress;
using TwoZones.Functions.Seals;
using TwoZones.Storage;
using TwoZones.Storage.Digests;
using TwoZones.Storage.Indicators;
using TwoZones.Storage.Seals;

namespace TwoZones.Functions.Digests;

/// <summary>
/// The activities of <see cref="WeeklyDigestOrchestrator"/>: which programmes to cover, each programme's part (staged in storage, so
/// orchestration history stays small however many items moved), composing and storing the digest with its renderings, and
/// delivering it to the webhook.
/// </summary>
/// <param name="items">The items.</param>
/// <param name="catalogue">Programmes and agencies.</param>
/// <param name="snapshots">Earlier progress, for the deltas.</param>
/// <param name="digests">Where digests are stored.</param>
/// <param name="staging">Where the parts of a digest wait for composition.</param>
/// <param name="http">Makes the webhook requests.</param>
/// <param name="options">Where to deliver.</param>
/// <param name="time">The server clock.</param>
/// <param name="logger">Logs failed deliveries.</param>
/// <param name="seals">Seals the history with every digest.</param>
/// <param name="stale">The stale period, for the reminders.</param>
/// <param name="indicators">The indicators, for their progress against target.</param>
public sealed partial class WeeklyDigestActivities(
    ItemRepository items,
    CatalogueRepository catalogue,
    SnapshotRepository snapshots,
    DigestRepository digests,
    DigestSectionStaging staging,
    IHttpClientFactory http,
    DigestOptions options,
    TimeProvider time,
    ILogger<WeeklyDigestActivities> logger,
    SealRepository seals,
    StalePeriod stale,
    IndicatorRepository indicators)
{
    /// <summary>The name of the <see cref="HttpClient"/> used for deliveries.</summary>
    public const string HttpClientName = "TwoZones.DigestWebhook";

    /// <summary>The programmes a digest covers, in catalogue order.</summary>
    /// <param name="week">ISO week id (unused; activities take one input).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Programme ids.</returns>
    [Function(ActivityNames.ListDigestProgrammes)]
    public async Task<List<string>> ListDigestProgrammes([ActivityTrigger] string week, CancellationToken cancellationToken)
    {
        _ = week;
        var programmes = await catalogue.GetProgrammesAsync(cancellationToken);
        return programmes.Select(p => p.Id).ToList();
    }

    /// <summary>Computes one programme's progress, moved items and overdue items, and stages them for composition.</summary>
    /// <param name="request">The programme, week and instant.</param>
    /// <param name="cancellationToken">Cancels the reads and the write.</param>
    /// <returns>How many items the programme has.</returns>
    [Function(ActivityNames.CollectProgrammeSection)]
    public async Task<int> CollectProgrammeSection([ActivityTrigger] ProgrammeSectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var programmes = await catalogue.GetProgrammesAsync(cancellationToken);
        var programme = programmes.FirstOrDefault(p => p.Id == request.Programme)
            ?? throw new InvalidOperationException($"Programme {request.Programme} is not in the catalogue.");
        var agencies = await catalogue.GetAgenciesAsync(cancellationToken);

        var records = new List<ItemRecord>();
        foreach (var kind in new[] { ItemKind.Task, ItemKind.Measure })
        {
            string? token = null;
            do
            {
                var page = await items.ListAsync(kind, new ItemFilter(Programme: programme.Id), token, ItemRepository.MaxPageSize, cancellationToken);
                records.AddRange(page.Items);
                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        var today = ShanghaiClock.Today(request.AsOf);
        var progress = ProgressCalculator.Compute(records.Select(r => ItemSnapshot.From(r.Item)).ToList(), [programme], agencies, today, request.AsOf);
        var overdue = records.Select(r => OverdueItem.From(r.Item, r.Status, today)).OfType<OverdueItem>().ToList();
        var staleItems = records.Select(r => StaleItem.From(r.Item, r.Status, r.LastEffectiveDate, today, stale.Days)).OfType<StaleItem>().ToList();

        var week = IsoWeekId.Parse(request.Week);
        var weekStart = ShanghaiWeek.StartOf(week);
        var weekEnd = ShanghaiWeek.EndOf(week);
        var moved = new List<DigestMovement>();

        // One query for the week's entries of all items, rather than one history read per item that changed this week.
        var recorded = await items.ReadTransitionsRecordedAsync(weekStart, weekEnd, cancellationToken);
        foreach (var record in records)
        {
            // Entries that keep the status (evidence files) are not movements.
            foreach (var entry in (recorded.TryGetValue(record.Id, out var entries) ? entries : []).Where(e => e.From != e.To))
            {
                var item = record.Item;
                moved.Add(new DigestMovement(
                    item.Id, item.Kind, item.Programme, item.TitleEn, item.TitleZh, entry.From, entry.To, entry.EffectiveDate, entry.RecordedAt, entry.Actor));
            }
        }

        var section = new ProgrammeDigestSection(programme.Id, progress, moved, overdue, staleItems);
        await staging.StageSectionAsync(week.ToString(), request.RunId, programme.Id, JsonSerializer.Serialize(section, DigestJson.Options), cancellationToken);
        return records.Count;
    }

    /// <summary>Merges the staged parts, compares with the last snapshot before the week, and stores the digest and its renderings.</summary>
    /// <param name="request">The week, build and instant.</param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    /// <returns>The digest's headline figures.</returns>
    [Function(ActivityNames.ComposeWeeklyDigest)]
    public async Task<WeeklyDigestOutcome> ComposeWeeklyDigest([ActivityTrigger] ComposeDigestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var week = IsoWeekId.Parse(request.Week);
        var staged = await staging.ReadSectionsAsync(week.ToString(), request.RunId, cancellationToken);
        var missing = request.Programmes.Where(p => !staged.ContainsKey(p)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The digest of {week} misses the parts of {string.Join(", ", missing)}.");
        }

        var sections = request.Programmes
            .Select(p => JsonSerializer.Deserialize<ProgrammeDigestSection>(staged[p], DigestJson.Options)
                ?? throw new InvalidOperationException($"The staged part of {p} is empty."))
            .ToList();
        var programmes = await catalogue.GetProgrammesAsync(cancellationToken);
        var agencies = await catalogue.GetAgenciesAsync(cancellationToken);
        var current = ProgressReportMerger.Merge(request.AsOf, programmes, agencies, sections.Select(s => s.Progress).ToList());
        var previous = await snapshots.GetLatestAtOrBeforeAsync(ShanghaiWeek.StartOf(week), cancellationToken);

        // Keyed by the build, so a retried activity prints the seal the first attempt made.
        var seal = await seals.AppendAsync(SealReasons.Digest(week.ToString()), "digest " + request.RunId, cancellationToken);
        var indicatorProgress = IndicatorCalculator.Compute([.. (await indicators.ListAsync(cancellationToken)).Select(i => i.Values)]);
        var digest = DigestComposer.Compose(
            week.ToString(), request.AsOf, current, previous,
            sections.SelectMany(s => s.Moved).ToList(), sections.SelectMany(s => s.Overdue).ToList(),
            sections.SelectMany(s => s.Stale ?? []).ToList(), stale.Days, indicatorProgress) with { Seal = seal };
        var stored = await digests.SaveAsync(RenderedDigest.Of(digest), request.InstanceId, time.GetUtcNow(), cancellationToken);
        var t = digest.Totals;
        return new WeeklyDigestOutcome(stored.Week, t.Total, t.Commenced, t.Completed, t.Overdue, digest.Moved.Count, stored.Delivery.Delivered);
    }

    /// <summary>
    /// POSTs the stored digest to the configured webhook: the digest JSON plus its English Markdown, with the orchestration instance
    /// id as <c>Idempotency-Key</c>. Every attempt is recorded on the digest; a failed attempt throws so the caller's retry policy retries.
    /// </summary>
    /// <param name="request">The week and the idempotency key.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>Whether the digest is delivered and whether a webhook is configured at all.</returns>
    /// <exception cref="DigestDeliveryException">The receiver did not acknowledge the digest.</exception>
    [Function(ActivityNames.DeliverWeeklyDigest)]
    public async Task<DigestDeliveryResult> DeliverWeeklyDigest([ActivityTrigger] DigestDeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.WebhookUrl is not { } url)
        {
            return new DigestDeliveryResult(false, false);
        }

        var stored = await digests.GetAsync(request.Week, cancellationToken)
            ?? throw new InvalidOperationException($"No digest is stored for {request.Week}.");
        if (stored.Delivery.Delivered)
        {
            return new DigestDeliveryResult(true, true);
        }

        var payload = JsonNode.Parse(stored.Json)!.AsObject();
        payload["markdown"] = stored.Markdown(DigestLanguage.En);
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(payload.ToJsonString(DigestJson.Options), Encoding.UTF8, "application/json"),
        };
        message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        string? error;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.DeliveryTimeout);
            using var response = await http.CreateClient(HttpClientName).SendAsync(message, timeout.Token);
            error = response.IsSuccessStatusCode ? null : $"The webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = $"The webhook could not be reached: {e.Message}";
        }

        await digests.RecordDeliveryAttemptAsync(request.Week, time.GetUtcNow(), error, cancellationToken);
        if (error is not null)
        {
            LogFailed(logger, request.Week, error);
            throw new DigestDeliveryException(error);
        }

        return new DigestDeliveryResult(true, true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of the digest of {Week} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string week, string error);
}
