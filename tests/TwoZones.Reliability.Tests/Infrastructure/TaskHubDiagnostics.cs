using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace TwoZones.Reliability.Tests.Infrastructure;

/// <summary>What the task hub holds for instances a test found wrong, so a failure says why and not only that.</summary>
public static class TaskHubDiagnostics
{
    /// <summary>
    /// The history rows (event type, name, time) and instance row of the first few instances named in <paramref name="failures"/>,
    /// then every queue's length, the partition leases, and the engine's last log lines.
    /// </summary>
    public static async Task<string> DescribeAsync(ReliabilityApp app, IEnumerable<string> failures)
    {
        var service = new TableServiceClient(app.Azurite.ConnectionString);
        var text = new StringBuilder();
        var tables = new List<string>();
        await foreach (var table in service.QueryAsync(t => true))
        {
            tables.Add(table.Name);
        }

        foreach (var id in failures.Select(f => f.Split(':')[0]).Take(3))
        {
            text.Append("task hub rows for ").Append(id).Append(":\n");
            foreach (var table in tables.Where(t => t.EndsWith("History", StringComparison.Ordinal) || t.EndsWith("Instances", StringComparison.Ordinal)))
            {
                await foreach (var row in service.GetTableClient(table).QueryAsync<TableEntity>(e => e.PartitionKey == id))
                {
                    text.Append("  ").Append(table).Append(' ').Append(row.RowKey).Append(' ')
                        .Append(row.GetString("EventType") ?? row.GetString("RuntimeStatus")).Append(' ')
                        .Append(row.GetString("Name")).Append(' ').Append(row.GetString("ExecutionId")).Append(' ')
                        .Append(row.Timestamp?.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }

        // Where the messages wait and who holds which partition: a queue that fills while nobody owns its lease says why
        // instances stopped hearing, which the rows above cannot.
        var queues = new QueueServiceClient(app.Azurite.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync())
        {
            var properties = await queues.GetQueueClient(queue.Name).GetPropertiesAsync();
            text.Append("queue ").Append(queue.Name).Append(": ").Append(properties.Value.ApproximateMessagesCount).Append(" messages\n");
        }

        foreach (var table in tables.Where(t => t.EndsWith("Partitions", StringComparison.Ordinal)))
        {
            await foreach (var lease in service.GetTableClient(table).QueryAsync<TableEntity>())
            {
                text.Append("lease ").Append(lease.RowKey).Append(": owner ").Append(lease.GetString("CurrentOwner") ?? "none")
                    .Append(", next ").Append(lease.GetString("NextOwner") ?? "none")
                    .Append(", expires ").Append(lease.GetDateTime("ExpiresAt")?.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture))
                    .Append(lease.GetBoolean("IsDraining") == true ? ", draining" : string.Empty)
                    .Append('\n');
            }
        }

        var engineLines = app.AllOutput().Split('\n')
            .Where(l => l.Contains("DurableTask", StringComparison.Ordinal) || l.Contains("Durable repair", StringComparison.Ordinal) || l.Contains("Durable engine", StringComparison.Ordinal) || l.Contains("lease", StringComparison.OrdinalIgnoreCase))
            .Select(l => l.Length > 400 ? l[..400] + " …" : l)
            .TakeLast(60);
        text.Append("the engine's last log lines:\n").AppendJoin('\n', engineLines).Append('\n');
        return text.ToString();
    }
}
