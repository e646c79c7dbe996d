using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using TwoZones.Testing;
using Xunit.Abstractions;

namespace LocalFunctionsHost.Tests;

/// <summary>
/// Figures for the README, through the real worker: raise event → orchestration completed, and the idle CPU of host and
/// worker with 100 orchestrations waiting. Bounds are loose (shared machine); the figures are printed.
/// </summary>
public sealed class DurableMeasurementTests(AzuriteWithBlobs azurite, ITestOutputHelper output) : IClassFixture<AzuriteWithBlobs>
{
    [Fact]
    public async Task Raise_to_completed_latency_and_idle_cpu_with_100_waiting_orchestrations()
    {
        await using var host = await FuncHost.StartReadyAsync(FuncHost.SampleRoot("DurableFunctionsSample"),
            DurableApp.Settings(azurite.ConnectionString, DurableApp.NewHub("measure")), AzuriteInstance.FreePort());
        var app = new DurableApp(host);

        // Warm-up (JIT, leases), then 50 measured one at a time.
        var latencies = new List<double>();
        for (var i = 0; i < 55; i++)
        {
            var started = await app.StartAsync("Approval", "0");
            await app.WaitForCustomStatusAsync(started.Id, "waiting-for-approval");
            var clock = Stopwatch.StartNew();
            using (var raised = await host.Http.PostAsJsonAsync(started.SendEventPostUri.Replace("{eventName}", "Approval", StringComparison.Ordinal), "m"))
            {
                Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
            }

            // A tight poll of the status endpoint: the shared 200 ms poll would dominate the figure.
            while ((await app.GetStatusAsync(started.Id)).Code != HttpStatusCode.OK)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), started.Id + " did not complete");
                await Task.Delay(5);
            }
            if (i >= 5)
            {
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        latencies.Sort();
        var p50 = latencies[latencies.Count / 2];
        var p99 = latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1];
        output.WriteLine($"raise -> completed over {latencies.Count}: p50 {p50:0} ms, p99 {p99:0} ms, max {latencies[^1]:0} ms");
        Assert.InRange(p50, 1, 2000);

        var waiting = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            waiting.Add((await app.StartAsync("Approval", "0")).Id);
        }

        foreach (var id in waiting)
        {
            await app.WaitForCustomStatusAsync(id, "waiting-for-approval");
        }

        var worker = host.WorkerPid() ?? throw new InvalidOperationException("no worker");
        var (hostBefore, workerBefore) = (CpuTicks(host.Pid), CpuTicks(worker));
        var window = Stopwatch.StartNew();
        // Idle means nobody calls: the window is the measurement itself.
        await Task.Delay(TimeSpan.FromSeconds(10));
        var seconds = window.Elapsed.TotalSeconds;
        var hostCpu = (CpuTicks(host.Pid) - hostBefore) / 100.0 / seconds * 100;
        var workerCpu = (CpuTicks(worker) - workerBefore) / 100.0 / seconds * 100;
        output.WriteLine($"idle with 100 waiting: host {hostCpu:0.0}% , worker {workerCpu:0.0}% of a core over {seconds:0.0} s");
        Assert.InRange(hostCpu + workerCpu, 0, 50);
    }

    // utime + stime in clock ticks (100 per second on Linux).
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
