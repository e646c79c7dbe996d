using System.Text;
using Azure.Data.Tables;

namespace TwoZones.Reliability.Tests.Infrastructure;

/// <summary>What the task hub holds for instances a test found wrong, so a failure says why and not only that.</summary>
public static class TaskHubDiagnostics
{
    /// <summary>The history rows (event type, name, time) and instance row of the first few instances named in <paramref name="failures"/>.</summary>
    public static async Task<string> DescribeAsync(ReliabilityApp app, IEnumerable<string> failures)
    {
        var service = new TableServiceClient(app.Azurite.ConnectionString);
        var text = new StringBuilder();
        foreach (var id in failures.Select(f => f.Split(':')[0]).Take(3))
        {
            text.Append("task hub rows for ").Append(id).Append(":\n");
            await foreach (var table in service.QueryAsync(t => true))
            {
                if (!table.Name.EndsWith("History", StringComparison.Ordinal) && !table.Name.EndsWith("Instances", StringComparison.Ordinal))
                {
                    continue;
                }

                await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>(e => e.PartitionKey == id))
                {
                    text.Append("  ").Append(table.Name).Append(' ').Append(row.RowKey).Append(' ')
                        .Append(row.GetString("EventType") ?? row.GetString("RuntimeStatus")).Append(' ')
                        .Append(row.GetString("Name")).Append(' ').Append(row.GetString("ExecutionId")).Append(' ')
                        .Append(row.Timestamp?.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}
