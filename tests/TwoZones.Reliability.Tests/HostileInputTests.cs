using System.Net;
using System.Text;
using TwoZones.Reliability.Tests.Infrastructure;
using TwoZones.Testing;
using Xunit.Abstractions;

namespace TwoZones.Reliability.Tests;

/// <summary>
/// Hostile input over every endpoint: each answer is the right 4xx as problem+json with nothing leaked or reflected, and
/// the store (every item's status, version, overdue flag, history length, last hash and chain check, and the digest)
/// is exactly as it was before.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.Store store, ITestOutputHelper output) : IClassFixture<HostileInputTests.Store>
{
    [Fact]
    public Task Status_change_bodies_are_refused_and_change_nothing() => RunAsync(HostileCases.StatusBodies());

    [Fact]
    public Task Item_ids_in_every_spelling_name_nothing_and_change_nothing() => RunAsync(HostileCases.Ids());

    [Fact]
    public Task Filters_and_continuation_tokens_are_refused() => RunAsync(HostileCases.Filters());

    [Fact]
    public Task Garbage_preconditions_and_idempotency_keys_are_refused_and_change_nothing() => RunAsync(HostileCases.Preconditions());

    [Fact]
    public Task Wrong_media_types_and_bodies_over_the_limits_are_refused() => RunAsync(HostileCases.MediaAndSize());

    [Fact]
    public Task Almost_right_keys_and_other_agencies_items_are_refused() => RunAsync(HostileCases.Identity());

    [Fact]
    public Task Unsupported_methods_get_405() => RunAsync(HostileCases.Methods());

    [Fact]
    public Task Hostile_catalogue_files_are_refused_whole() => RunAsync(HostileCases.Catalogues());

    [Fact]
    public Task Hostile_digest_weeks_dashboard_values_and_import_ids_are_refused() => RunAsync(HostileCases.Queries());

    [Fact]
    public void The_suite_tries_at_least_200_cases()
    {
        var count = AllCases().Count();
        Figures.Report(output, $"hostile cases: {count}");
        Assert.True(count >= 200, $"only {count} cases");
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_a_client_error_not_an_outage()
    {
        var before = await StoreFingerprint.TakeAsync(store.App.Host.Http);
        var answer = await RawHttp.SendAsync(
            store.App.Host.Port,
            "POST /api/tasks/T007/status HTTP/1.1\r\nHost: 127.0.0.1\r\nx-functions-key: " + DemoKeys.Commerce +
            "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"sta",
            TimeSpan.FromSeconds(60));
        Assert.Matches(@"^HTTP/1\.1 40[08] ", answer);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Storage", answer, StringComparison.Ordinal);
        Assert.Equal(before, await StoreFingerprint.TakeAsync(store.App.Host.Http));
    }

    [Fact]
    public async Task Requests_the_server_rejects_before_the_app_still_get_problem_json()
    {
        string[] requests =
        [
            "GET /api/tasks/T001%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "GET /api/progress HTTP/1.1\r\nHost: 127.0.0.1\r\nx-functions-key: a\u0001b\r\n\r\n",
            "GET /api/" + new string('a', 20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "GET /api/progress HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + new string('h', 40_000) + "\r\n\r\n",
            "GET /api/progress HTTP/1.1\r\n\r\n",
            "BREW /api/progress HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        ];
        foreach (var raw in requests)
        {
            var answer = await RawHttp.SendAsync(store.App.Host.Port, raw, TimeSpan.FromSeconds(30));
            Assert.Matches(@"^HTTP/1\.1 4\d\d ", answer);
            Assert.Contains("application/problem+json", answer, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("nosniff", answer, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void No_API_key_appears_in_the_logs()
    {
        store.App.AssertNoKeyInLogs();
    }

    private static IEnumerable<HostileCase> AllCases() =>
        HostileCases.StatusBodies().Concat(HostileCases.Ids()).Concat(HostileCases.Filters()).Concat(HostileCases.Preconditions())
            .Concat(HostileCases.MediaAndSize()).Concat(HostileCases.Identity()).Concat(HostileCases.Methods()).Concat(HostileCases.Catalogues())
            .Concat(HostileCases.Queries());

    private async Task RunAsync(IEnumerable<HostileCase> cases)
    {
        var list = cases.ToList();
        var before = await StoreFingerprint.TakeAsync(store.App.Host.Http);
        var failures = await HostileClient.RunAsync(store.Http, list);
        var after = await StoreFingerprint.TakeAsync(store.App.Host.Http);
        Figures.Report(output, $"{list.Count} cases, {failures.Count} wrong");
        Assert.True(failures.Count == 0, $"{failures.Count} of {list.Count} answers were wrong:\n" + string.Join('\n', failures));
        Assert.Equal(before, after);
        Assert.True((await store.App.Host.Http.GetAsync("api/health")).StatusCode == HttpStatusCode.OK);
    }

    /// <summary>
    /// One app over 20 tasks and 20 measures. T001 Commenced and T003 Completed by the coordinator; the store is then left to
    /// settle (trackers mark the 2020-planned items overdue) before any case runs.
    /// </summary>
    public sealed class Store : IAsyncLifetime
    {
        public ReliabilityApp App { get; private set; } = null!;

        /// <summary>A client that sends header values as UTF-8 (so non-ASCII values reach the server) and never retries.</summary>
        public HttpClient Http { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            App = await ReliabilityApp.StartAsync(ReliabilityCatalogue.Json(tasks: 20, measuresPerProgramme: 2));
            Http = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 })
            {
                BaseAddress = App.Host.Http.BaseAddress,
                Timeout = TimeSpan.FromSeconds(60),
            };
            var t001 = new ItemRef("tasks", "T001", "BMCB");
            var t003 = new ItemRef("tasks", "T003", "BMCB");
            foreach (var (item, status) in new[] { (t001, "Commenced"), (t003, "Commenced"), (t003, "Completed") })
            {
                using var request = Api.StatusChange(item, DemoKeys.Coordinator, status, idempotencyKey: null);
                using var response = await App.Host.Http.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            string previous = string.Empty;
            await Polling.UntilAsync(
                async () =>
                {
                    var now = await StoreFingerprint.TakeAsync(App.Host.Http);
                    var settled = now == previous && now.Contains(" True ", StringComparison.Ordinal);
                    previous = now;
                    return settled;
                },
                TimeSpan.FromSeconds(120),
                "the store to settle after the import");
        }

        public async Task DisposeAsync()
        {
            Http?.Dispose();
            await App.DisposeAsync();
        }
    }
}
