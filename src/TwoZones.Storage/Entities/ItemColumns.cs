namespace TwoZones.Storage.Entities;

/// <summary>
/// Row keys and column names of the items table. Row keys end with <c>|</c> and the item id: the storage emulator looks a row up
/// by its row key first, so a key every item shares (<c>state</c>, say) would make each point read scan all items.
/// </summary>
internal static class ItemColumns
{
    /// <summary>The state row's key before row keys carried the item id; <see cref="ItemKeyMigration"/> moves such rows.</summary>
    public const string LegacyStateRowKey = "state";
    public const string StateRowPrefix = "state|";
    public const string HistoryRowPrefix = "h-";
    public const string IdempotencyRowPrefix = "idem-";

    // State row.
    public const string Kind = "Kind";
    public const string Programme = "Programme";
    public const string TitleEn = "TitleEn";
    public const string TitleZh = "TitleZh";
    public const string LeadAgency = "LeadAgency";
    public const string CoAgencies = "CoAgencies";
    public const string District = "District";
    public const string Tasks = "Tasks";
    public const string PlannedCommencement = "PlannedCommencement";
    public const string PlannedCompletion = "PlannedCompletion";
    public const string Status = "Status";
    public const string CommencedOn = "CommencedOn";
    public const string CompletedOn = "CompletedOn";
    public const string LastEffectiveDate = "LastEffectiveDate";
    public const string LastSeq = "LastSeq";
    public const string LastHash = "LastHash";
    public const string UpdatedAt = "UpdatedAt";
    public const string UpdatedBy = "UpdatedBy";
    public const string Overdue = "Overdue";
    public const string OverdueCheckedAt = "OverdueCheckedAt";

    // History row.
    public const string Seq = "Seq";
    public const string From = "From";
    public const string To = "To";
    public const string EffectiveDate = "EffectiveDate";
    public const string RecordedAt = "RecordedAt";
    public const string Actor = "Actor";
    public const string Note = "Note";
    public const string EvidenceUrl = "EvidenceUrl";
    public const string PrevHash = "PrevHash";
    public const string Hash = "Hash";

    // Idempotency row.
    public const string Fingerprint = "Fingerprint";
    public const string Outcome = "Outcome";
    public const string CreatedAt = "CreatedAt";

    /// <summary>The columns a progress projection needs.</summary>
    public static readonly string[] SnapshotColumns =
        ["PartitionKey", Kind, Programme, LeadAgency, District, Status, PlannedCommencement, PlannedCompletion, LastEffectiveDate];

    public static string StateRowKey(string itemId) => StateRowPrefix + itemId;

    public static string HistoryRowKey(string itemId, int seq) =>
        HistoryRowPrefix + seq.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + "|" + itemId;

    /// <summary>Selects one item's history rows ('.' follows '-').</summary>
    public static string HistoryRowsFilter(string itemId) =>
        Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {itemId} and RowKey gt {HistoryRowPrefix} and RowKey lt {"h."}");

    /// <summary>Selects every state row ('}' follows '|').</summary>
    public static string StateRowsFilter() => $"RowKey ge '{StateRowPrefix}' and RowKey lt 'state}}'";
}
