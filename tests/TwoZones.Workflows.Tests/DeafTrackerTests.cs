using System.Net;
using System.Text.Json;
using Azure.Data.Tables;

namespace TwoZones.Workflows.Tests;

/// <summary>
/// A tracker whose Durable instance row says Running over a history that has finished (what the Azure Storage provider can leave
/// when a storage outage makes it process one episode twice) drops every event sent to it. The local host repairs the row when
/// the provider drops the reconciler's signal, and the reconciler then starts a tracker that agrees with storage.
/// </summary>
public sealed class DeafTrackerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_tracker_row_left_running_over_a_finished_history_is_repaired_and_the_tracker_restarted()
    {
        await using var app = await WorkflowApp.StartAsync(
            new Dictionary<string, string> { ["TwoZones__ReconcileSchedule"] = "*/5 * * * * *" },
            a => a.SeedAsync(SmallCatalogue.Create()));
        await Eventually.TrueAsync(async () => await app.InstanceAsync("T002") is { RuntimeStatus: "Running", Stage: "Commenced" }, "the tracker of T002", Patience);
        using (var response = await app.SendAsync(
            HttpMethod.Post, "api/tasks/T002/status", WorkflowApp.CoordinatorKey,
            JsonSerializer.Serialize(new { status = "Completed", effectiveDate = WorkflowApp.TodayText(), note = "done" })))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Eventually.TrueAsync(async () => await app.InstanceAsync("T002") is { RuntimeStatus: "Completed", Stage: "Completed" }, "the tracker of T002 to end", Patience);

        // Its history stays finished; the row is put back to Running with the stage before the completion, naming an execution the
        // history does not have (as observed after an outage: the row of one execution over the history of another).
        var instances = new TableServiceClient(app.Azurite.ConnectionString).GetTableClient("TwoZonesInstances");
        var row = (await instances.GetEntityAsync<TableEntity>("T002", string.Empty)).Value;
        var outputBefore = app.Host.Output.Length;
        row["RuntimeStatus"] = "Running";
        row["ExecutionId"] = Guid.NewGuid().ToString("N");
        row["CustomStatus"] = row.GetString("CustomStatus")!.Replace("Completed", "Commenced", StringComparison.Ordinal);
        row["LastUpdatedTime"] = DateTime.UtcNow;
        await instances.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        Assert.Equal("Commenced", (await app.InstanceAsync("T002"))!.Stage);

        var replaced = await Eventually.GetAsync(
            async () => await app.InstanceAsync("T002") is { RuntimeStatus: "Completed", Stage: "Completed" } s ? s : null, "a tracker of T002 that agrees", Patience);
        Assert.False(replaced.Overdue);
        var since = app.Host.Output[outputBefore..];
        Assert.True(
            since.Contains("Durable repair: instance T002 said Running over a history that had finished", StringComparison.Ordinal),
            "no repair logged:\n" + string.Join('\n', since.Split('\n').Where(l => l.Contains("T002", StringComparison.Ordinal) || l.Contains("reconciled", StringComparison.Ordinal) || l.Contains("Durable", StringComparison.Ordinal)).Take(40)));
    }
}
