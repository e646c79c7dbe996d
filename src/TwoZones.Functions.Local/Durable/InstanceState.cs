using Azure;

namespace TwoZones.Functions.Local.Durable;

/// <summary>An instance partition as loaded for an episode.</summary>
internal sealed class InstanceState
{
    public InstanceRecord? Record { get; init; }

    /// <summary>The current generation's history, in order.</summary>
    public List<HistoryEvent> History { get; } = [];

    /// <summary>Inbox messages, external events in arrival order.</summary>
    public List<InboxMessage> Inbox { get; } = [];

    public List<(string RowKey, List<OutboxMessage> Messages)> Outbox { get; } = [];

    /// <summary>True when the history came from the instance row (then only the rows named by hints were read, no partition query).</summary>
    public bool HistoryInline { get; init; }

    /// <summary>The number of history rows of the current generation (0 when the history is inline).</summary>
    public int HistoryRows { get; set; }

    /// <summary>Rows of earlier generations (history, outbox already carried out) to delete.</summary>
    public List<(string RowKey, ETag ETag)> Stale { get; } = [];
}
