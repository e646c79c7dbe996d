using System.Text.RegularExpressions;
using Azure.Data.Tables;
using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

public sealed partial class DurableLifecycleTests(AzuriteWithBlobs azurite) : IClassFixture<AzuriteWithBlobs>
{
    [Fact]
    public async Task Task_hub_storage_that_does_not_answer_is_one_line_naming_it_and_exit_code_1()
    {
        // Blobs answer (the host's own check passes); the tables and queues the task hub lives in do not.
        var blob = BlobEndpoint().Match(azurite.ConnectionString).Value;
        var dead = AzuriteInstance.FreePort();
        var storage = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteInstance.DevelopmentAccountKey};{blob}" +
                      $"TableEndpoint=http://127.0.0.1:{dead}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{dead}/devstoreaccount1;";
        await using var host = FuncStart.Launch(FuncHost.SampleRoot("DurableFunctionsSample"), DurableApp.Settings(storage, DurableApp.NewHub("down")), AzuriteInstance.FreePort());

        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        var output = await host.FinalOutputAsync();
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Contains("could not start", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"Expected one line saying what could not start; the host wrote:\n{output}");
        var line = lines[0];
        Assert.Contains("Durable Functions", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Host started", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_stops_the_extension_gracefully_releasing_every_partition_lease_and_exits_0()
    {
        var hub = DurableApp.NewHub("stop");
        await using var host = await FuncStart.StartReadyAsync(FuncHost.SampleRoot("DurableFunctionsSample"), DurableApp.Settings(azurite.ConnectionString, hub), AzuriteInstance.FreePort());
        var app = new DurableApp(host);
        Assert.Equal("""["Hello Tokyo!","Hello Seattle!","Hello London!"]""", await app.OutputAsync((await app.StartAsync("Chaining")).Id));
        var partitions = new TableClient(azurite.ConnectionString, hub + "Partitions");
        async Task<List<(string Partition, string? Owner)>> PartitionLeasesAsync()
        {
            var list = new List<(string, string?)>();
            await foreach (var row in partitions.QueryAsync<TableEntity>())
            {
                list.Add((row.RowKey, row.GetString("CurrentOwner")));
            }

            return list;
        }

        // Running: this host owns both partitions (host.json: partitionCount 2), one lease row each.
        var running = await PartitionLeasesAsync();
        Assert.Equal(2, running.Count);
        Assert.All(running, l => Assert.False(string.IsNullOrEmpty(l.Owner), string.Join(", ", running)));

        ChildHost.Signal(host.Pid, "TERM");

        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var after = await PartitionLeasesAsync();
        Assert.Equal(2, after.Count);
        Assert.All(after, l => Assert.Null(l.Owner));
    }

    [GeneratedRegex("BlobEndpoint=[^;]+;")]
    private static partial Regex BlobEndpoint();
}
