using System.Net;
using System.Text.Json;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;
using TwoZones.Storage.Digests;
using TwoZones.Testing;

namespace TwoZones.Workflows.Tests;

/// <summary>
/// The sample catalogue seeded into storage, a snapshot from last week, a webhook receiver that accepts everything, and the app;
/// the current week's digest is built once through <c>POST /api/digests</c>.
/// </summary>
public sealed class DigestFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private StoredDigest? _digest;

    internal WorkflowApp App { get; private set; } = null!;

    internal WebhookReceiver Receiver { get; private set; } = null!;

    internal ProgressReport PreviousReport { get; private set; } = null!;

    internal string Week { get; } = IsoWeekId.OfInstant(DateTimeOffset.UtcNow).ToString();

    /// <summary>What <c>GET /api/progress</c> answered right after the digest was stored.</summary>
    internal JsonDocument ProgressAfter { get; private set; } = null!;

    /// <summary>The JSON of <c>POST /api/digests</c>.</summary>
    internal JsonDocument Accepted { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync(_ => 200);
        App = await WorkflowApp.StartAsync(
            new Dictionary<string, string> { ["TwoZones__DigestWebhookUrl"] = Receiver.Url },
            async app =>
            {
                var catalogue = WorkflowApp.SampleCatalogue();
                await app.SeedAsync(catalogue);

                // Last week's snapshot: fewer items had moved then.
                var weekStart = StartOf(IsoWeekId.Parse(Week));
                var items = catalogue.Items.Select(ItemSnapshot.From).ToList();
                var earlier = items.Select((s, i) => i % 5 == 0 && s.Status != Core.Lifecycle.ItemStatus.Proposed ? s with { Status = Core.Lifecycle.ItemStatus.Proposed } : s).ToList();
                PreviousReport = ProgressCalculator.Compute(earlier, catalogue.Programmes, catalogue.Agencies, ShanghaiClock.Today(weekStart.AddDays(-2)), weekStart.AddDays(-2));
                await app.Snapshots.SaveAsync(PreviousReport, CancellationToken.None);
            });

        // The sample indicators, and one actual that beats its target (the indicators table is created as the app starts).
        var indicators = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "data", "indicators.sample.json"));
        await Eventually.TrueAsync(
            async () =>
            {
                using var imported = await App.SendAsync(HttpMethod.Post, "api/indicators", WorkflowApp.CoordinatorKey, indicators);
                return imported.StatusCode == HttpStatusCode.OK;
            },
            "the sample indicators to be imported");
        using var actual = await App.SendAsync(
            HttpMethod.Post, "api/indicators/2024-INV-PROJECTS/actuals", WorkflowApp.CoordinatorKey, """{"period":"2024","value":8085,"note":"year result"}""");
        Assert.Equal(HttpStatusCode.OK, actual.StatusCode);
    }

    internal async Task<StoredDigest> DigestAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_digest is null)
            {
                using var response = await App.SendAsync(HttpMethod.Post, "api/digests", WorkflowApp.CoordinatorKey);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                Accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var id = Accepted.RootElement.GetProperty("id").GetString()!;
                await Eventually.TrueAsync(async () => await App.InstanceAsync(id) is { RuntimeStatus: "Completed" }, "the digest orchestration to complete", TimeSpan.FromSeconds(300));
                ProgressAfter = await App.GetJsonAsync("api/progress");
                _digest = await App.Digests.GetAsync(Week);
                Assert.NotNull(_digest);
            }

            return _digest!;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }
    }

    internal static DateTimeOffset StartOf(IsoWeekId week) =>
        new(TimeZoneInfo.ConvertTimeToUtc(week.Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), ShanghaiClock.Zone), TimeSpan.Zero);
}
