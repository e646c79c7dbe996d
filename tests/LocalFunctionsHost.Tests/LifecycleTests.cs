using System.Net;
using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

public sealed class LifecycleTests(AzuriteWithBlobs azurite) : IClassFixture<AzuriteWithBlobs>
{
    [Fact]
    public async Task An_unsupported_binding_is_one_line_naming_function_and_type_and_exit_code_1()
    {
        await using var host = FuncStart.Launch(FuncHost.SampleRoot("UnsupportedBindingSample"), new Dictionary<string, string>(), AzuriteInstance.FreePort());

        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var line = Assert.Single(host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("'OnQueueMessage'", line, StringComparison.Ordinal);
        Assert.Contains("'queueTrigger'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_storage_is_one_line_naming_it_and_exit_code_1()
    {
        var settings = SampleSettings.For($"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteInstance.DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{AzuriteInstance.FreePort()}/devstoreaccount1;");
        await using var host = FuncStart.Launch(FuncHost.SampleRoot("FunctionsSample"), settings, AzuriteInstance.FreePort());

        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var line = Assert.Single(host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("Storage is unreachable", line, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_drains_the_request_in_flight_terminates_the_worker_and_exits_0()
    {
        await using var host = await FuncStart.StartReadyAsync(FuncHost.SampleRoot("FunctionsSample"), SampleSettings.For(azurite.ConnectionString), AzuriteInstance.FreePort());
        var worker = host.WorkerPid();
        Assert.NotNull(worker);

        var slow = host.Http.GetAsync("api/slow/1500");
        Assert.True(await host.WaitForOutputAsync("Executing 'Functions.Slow'", TimeSpan.FromSeconds(15)), host.Output);
        ChildHost.Signal(host.Pid, "TERM");

        using var response = await slow;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("slept 1500", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Executed 'Functions.Slow' (Succeeded", host.Output, StringComparison.Ordinal);
        Assert.False(ChildHost.IsAlive(worker.Value));
    }

    [Fact]
    public async Task Sigkill_of_the_host_leaves_no_worker_behind()
    {
        await using var host = await FuncStart.StartReadyAsync(FuncHost.SampleRoot("FunctionsSample"), SampleSettings.For(azurite.ConnectionString), AzuriteInstance.FreePort());
        var worker = host.WorkerPid();
        Assert.NotNull(worker);
        Assert.True(ChildHost.IsAlive(worker.Value));

        ChildHost.Signal(host.Pid, "KILL");

        await Polling.UntilAsync(() => Task.FromResult(!ChildHost.IsAlive(worker.Value)), TimeSpan.FromSeconds(10), "the worker to die with its host");
    }

    [Fact]
    public async Task A_worker_that_dies_while_the_host_runs_is_one_clear_line_and_exit_code_1()
    {
        await using var host = await FuncStart.StartReadyAsync(FuncHost.SampleRoot("FunctionsSample"), SampleSettings.For(azurite.ConnectionString), AzuriteInstance.FreePort());
        var worker = host.WorkerPid();
        Assert.NotNull(worker);

        ChildHost.Signal(worker.Value, "KILL");

        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("The worker process exited unexpectedly", host.Output, StringComparison.Ordinal);
    }
}
