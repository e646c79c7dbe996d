namespace TwoZones.Functions.Local.Durable;

/// <summary>A message waiting in an instance's partition to be consumed by its next episode.</summary>
/// <param name="RowKey">Deterministic for results, timers and sub-orchestration outcomes, so a re-delivery overwrites instead of duplicating.</param>
/// <param name="Event">What happened.</param>
/// <param name="Arrived">Orders external events by arrival.</param>
internal sealed record InboxMessage(string RowKey, HistoryEvent Event, long Arrived)
{
    public const string Prefix = "inbox-";

    /// <summary>
    /// False for an event handed to the engine in memory (see <see cref="DurableEngine.DeliverAsync"/>): it has no row to read or delete
    /// until an episode commits it, into the history or as a row of its own.
    /// </summary>
    public bool Stored { get; init; } = true;

    /// <summary>The row key of the result of action <paramref name="taskId"/> of <paramref name="instanceId"/>.</summary>
    /// <remarks>Ends with the instance id, as every key of the task hub does (see <see cref="DurableStore"/>).</remarks>
    public static string ResultKey(string instanceId, int generation, int taskId) => $"{Prefix}r-{generation:D8}-{taskId:D8}{DurableStore.KeySuffix(instanceId)}";

    /// <summary>The generation a result message belongs to, or null for messages (events, control) that survive ContinueAsNew.</summary>
    public int? Generation => RowKey.StartsWith(Prefix + "r-", StringComparison.Ordinal) && int.TryParse(RowKey.AsSpan(Prefix.Length + 2, 8), out var generation)
        ? generation
        : null;
}
