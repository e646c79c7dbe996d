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

    /// <summary>Rows of earlier generations (history, outbox already carried out) to delete.</summary>
    public List<(string RowKey, ETag ETag)> Stale { get; } = [];
}
