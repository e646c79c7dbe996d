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
        await using var host = await HostProcess.StartReadyAsync(
            HostProcess.SampleRoot("FunctionsSample"), SampleSettings.For(azurite.ConnectionString, EveryTwoSeconds, hostId), AzuriteInstance.FreePort());

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
        var root = HostProcess.SampleRoot("FunctionsSample");
        var port = AzuriteInstance.FreePort();

        await using (var first = await HostProcess.StartReadyAsync(root, settings, port))
        {
            Assert.True(await first.WaitForOutputAsync("TICK past-due=False", TimeSpan.FromSeconds(15)), first.Output);
            HostProcess.Signal(first.Pid, "TERM");
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        // Let the next occurrence pass with no host running.
        await Task.Delay(TimeSpan.FromSeconds(3.5));

        await using var second = await HostProcess.StartReadyAsync(root, settings, port);
        Assert.True(await second.WaitForOutputAsync("TICK past-due=True", TimeSpan.FromSeconds(15)), second.Output);
        Assert.True(await second.WaitForOutputAsync("TICK past-due=False", TimeSpan.FromSeconds(15)), second.Output);
        Assert.Equal(1, second.Count("TICK past-due=True"));
    }

    [Fact]
    public async Task Two_hosts_on_one_storage_account_run_each_occurrence_once()
    {
        var hostId = "lfh-pair-" + Guid.NewGuid().ToString("N")[..8];
        var root = HostProcess.SampleRoot("FunctionsSample");
        var a = SampleSettings.For(azurite.ConnectionString, EveryTwoSeconds, hostId);
        a["SAMPLE_HOST_NAME"] = "A";
        var b = SampleSettings.For(azurite.ConnectionString, EveryTwoSeconds, hostId);
        b["SAMPLE_HOST_NAME"] = "B";

        var startA = HostProcess.StartReadyAsync(root, a, AzuriteInstance.FreePort());
        var startB = HostProcess.StartReadyAsync(root, b, AzuriteInstance.FreePort());
        await using var hostA = await startA;
        await using var hostB = await startB;

        await Polling.UntilAsync(() => Task.FromResult(Nexts(hostA.Output).Count + Nexts(hostB.Output).Count >= 5), TimeSpan.FromSeconds(30), "five ticks");

        var all = Nexts(hostA.Output).Concat(Nexts(hostB.Output)).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        // One listener holds the lock: the other host never ran the timer.
        Assert.True(Nexts(hostA.Output).Count == 0 || Nexts(hostB.Output).Count == 0, hostA.Output + hostB.Output);

        // When the holder dies, its lease runs out and the other host takes the timer over.
        var (holder, other) = Nexts(hostA.Output).Count > 0 ? (hostA, hostB) : (hostB, hostA);
        HostProcess.Signal(holder.Pid, "KILL");
        Assert.True(await other.WaitForOutputAsync("TICK past-due=", TimeSpan.FromSeconds(35)), other.Output);
    }

    private static List<DateTime> Nexts(string output) =>
        [.. NextPattern().Matches(output).Select(m => DateTime.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind))];

    [GeneratedRegex(@"TICK past-due=\w+ next=(\S+)")]
    private static partial Regex NextPattern();
}
