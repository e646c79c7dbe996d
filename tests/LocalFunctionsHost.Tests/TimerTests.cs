using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

public sealed partial class TimerTests(AzuriteWithBlobs azurite) : IClassFixture<AzuriteWithBlobs>
{
    private const string EveryTwoSeconds = "*/2 * * * * *";

    [Fact]
    public async Task A_schedule_runs_every_occurrence_run_on_startup_runs_once_and_the_status_blob_is_in_the_hosts_layout()
    {
        var hostId = "lfh-schedule-" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await FuncStart.StartReadyAsync(
            FuncHost.SampleRoot("FunctionsSample"), SampleSettings.For(azurite.ConnectionString, EveryTwoSeconds, hostId), AzuriteInstance.FreePort());

        Assert.True(await host.WaitForOutputAsync("TICK past-due=False", TimeSpan.FromSeconds(15), times: 3), host.Output);
        Assert.Equal(1, host.Count("STARTUP past-due=False"));
        Assert.Equal(0, host.Count("past-due=True"));

        // Consecutive occurrences two seconds apart, none twice.
        var next = Nexts(host.Output);
        Assert.Equal(next.Count, next.Distinct().Count());
        Assert.Equal(TimeSpan.FromSeconds(2), next[^1] - next[^2]);

        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("azure-webjobs-hosts");
        Assert.True((await container.GetBlobClient($"timers/{hostId}/Host.Functions.Tick/status").ExistsAsync()).Value);
        Assert.True((await container.GetBlobClient($"locks/{hostId}/Host.Functions.Tick.Listener").ExistsAsync()).Value);
    }

    [Fact]
    public async Task An_occurrence_missed_while_no_host_ran_runs_once_past_due_at_the_next_start()
    {
        var hostId = "lfh-pastdue-" + Guid.NewGuid().ToString("N")[..8];
        var settings = SampleSettings.For(azurite.ConnectionString, "*/3 * * * * *", hostId);
        var root = FuncHost.SampleRoot("FunctionsSample");
        var port = AzuriteInstance.FreePort();

        await using (var first = await FuncStart.StartReadyAsync(root, settings, port))
        {
            Assert.True(await first.WaitForOutputAsync("TICK past-due=False", TimeSpan.FromSeconds(15)), first.Output);
            ChildHost.Signal(first.Pid, "TERM");
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        // Let the next occurrence pass with no host running.
        await Task.Delay(TimeSpan.FromSeconds(3.5));

        await using var second = await FuncStart.StartReadyAsync(root, settings, port);
        Assert.True(await second.WaitForOutputAsync("TICK past-due=True", TimeSpan.FromSeconds(15)), second.Output);
        Assert.True(await second.WaitForOutputAsync("TICK past-due=False", TimeSpan.FromSeconds(15)), second.Output);
        Assert.Equal(1, second.Count("TICK past-due=True"));
    }

    [Fact]
    public async Task Two_hosts_run_each_occurrence_exactly_once_through_a_stalled_lease_holder_and_one_killed_mid_run()
    {
        var hostId = "lfh-pair-" + Guid.NewGuid().ToString("N")[..8];
        var root = FuncHost.SampleRoot("FunctionsSample");
        var pauseFile = Path.Combine(Path.GetTempPath(), "lfh-pause-" + Guid.NewGuid().ToString("N"));
        Dictionary<string, string> Settings(string name)
        {
            var settings = SampleSettings.For(azurite.ConnectionString, "*/3 * * * * *", hostId);
            settings["SAMPLE_HOST_NAME"] = name;
            settings["SAMPLE_TICK_PAUSE_FILE"] = pauseFile;
            return settings;
        }

        var startA = FuncStart.StartReadyAsync(root, Settings("A"), AzuriteInstance.FreePort());
        var startB = FuncStart.StartReadyAsync(root, Settings("B"), AzuriteInstance.FreePort());
        await using var hostA = await startA;
        await using var hostB = await startB;
        var workers = new List<int?> { hostA.WorkerPid(), hostB.WorkerPid() };
        List<(bool PastDue, DateTime Next)> All() => [.. Runs(hostA.Output), .. Runs(hostB.Output)];
        try
        {
            await Polling.UntilAsync(() => Task.FromResult(All().Count >= 2), TimeSpan.FromSeconds(30), "two ticks");
            // One listener holds the lock: the other host has not run the timer.
            Assert.True(Runs(hostA.Output).Count == 0 || Runs(hostB.Output).Count == 0, hostA.Output + hostB.Output);
            var (holder, other) = Runs(hostA.Output).Count > 0 ? (hostA, hostB) : (hostB, hostA);

            // Stall the holder between occurrences (a tick has just run; the next is 3 s off) for longer than the lease: the
            // other host takes the lock over and runs what is due, while the holder still waits for that same occurrence and
            // would run it too when it wakes.
            var ran = Runs(holder.Output).Count;
            await Polling.UntilAsync(() => Task.FromResult(Runs(holder.Output).Count > ran), TimeSpan.FromSeconds(10), "the holder's next tick");
            await Task.Delay(TimeSpan.FromSeconds(0.5));
            ChildHost.Signal(holder.Pid, "STOP");
            try
            {
                Assert.True(await other.WaitForOutputAsync("TICK past-due=", TimeSpan.FromSeconds(35)), other.Output);
            }
            finally
            {
                ChildHost.Signal(holder.Pid, "CONT");
            }

            var count = All().Count;
            await Polling.UntilAsync(() => Task.FromResult(All().Count >= count + 2), TimeSpan.FromSeconds(15), "two more ticks");
            AssertEachOnce(All(), hostA.Output + hostB.Output);

            // Kill whichever host is running an occurrence it claimed: the claim goes stale and the survivor, once it has the
            // lock, runs that occurrence once, past due.
            await File.WriteAllTextAsync(pauseFile, "");
            var status = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("azure-webjobs-hosts")
                .GetBlobClient($"timers/{hostId}/Host.Functions.Tick/status");
            (ChildHost Host, DateTime Occurrence)? claimed = null;
            await Polling.UntilAsync(
                async () =>
                {
                    using var json = JsonDocument.Parse((await status.DownloadContentAsync()).Value.Content.ToString());
                    if (!json.RootElement.TryGetProperty("Claim", out var claim) || claim.ValueKind != JsonValueKind.Object)
                    {
                        return false;
                    }

                    var instance = claim.GetProperty("Instance").GetString()!;
                    var host = instance.Contains($"/{hostA.Pid}/", StringComparison.Ordinal) ? hostA : hostB;
                    claimed = (host, claim.GetProperty("Occurrence").GetDateTime().ToUniversalTime());
                    return true;
                },
                TimeSpan.FromSeconds(10),
                "a claimed occurrence");
            var (victim, occurrence) = claimed!.Value;
            var survivor = victim == hostA ? hostB : hostA;
            ChildHost.Signal(victim.Pid, "KILL");
            File.Delete(pauseFile);

            await Polling.UntilAsync(() => Task.FromResult(Runs(survivor.Output).Any(r => r.Next > occurrence)), TimeSpan.FromSeconds(45), "the survivor to run past the killed host's occurrence");
            var survivorRuns = Runs(survivor.Output).Where(r => r.Next == occurrence).ToList();
            Assert.True(survivorRuns is [(true, _)], $"{occurrence:O}\n{survivor.Output}");
            // Apart from the run the killed host started, every occurrence ran once.
            AssertEachOnce([.. Runs(survivor.Output), .. Runs(victim.Output).Where(r => r.Next != occurrence)], hostA.Output + hostB.Output);
        }
        finally
        {
            File.Delete(pauseFile);
            foreach (var worker in workers)
            {
                // A worker whose host was killed is orphaned; end it by the id this test saw it start with.
                if (worker is { } pid && ChildHost.IsAlive(pid))
                {
                    ChildHost.Signal(pid, "KILL");
                }
            }
        }
    }

    private static void AssertEachOnce(List<(bool PastDue, DateTime Next)> runs, string output)
    {
        var twice = runs.GroupBy(r => r.Next).Where(g => g.Count() > 1).Select(g => g.Key.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(twice.Count == 0, $"Ran more than once: {string.Join(", ", twice)}\n{output}");
    }

    private static List<(bool PastDue, DateTime Next)> Runs(string output) =>
        [.. NextPattern().Matches(output).Select(m => (m.Groups[1].Value == "True", Parse(m.Groups[2].Value)))];

    private static DateTime Parse(string text) =>
        DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);

    private static List<DateTime> Nexts(string output) => [.. Runs(output).Select(r => r.Next)];

    [GeneratedRegex(@"TICK past-due=(\w+) next=(\S+)")]
    private static partial Regex NextPattern();
}
