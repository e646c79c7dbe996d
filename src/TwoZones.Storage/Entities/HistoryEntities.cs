using Azure.Data.Tables;
using TwoZones.Core.History;

namespace TwoZones.Storage.Entities;

/// <summary>Maps history entries to and from history rows.</summary>
internal static class HistoryEntities
{
    public static TableEntity ToEntity(string itemId, TransitionRecord record)
    {
        var entity = new TableEntity(itemId, ItemColumns.HistoryRowKey(itemId, record.Seq))
        {
            [ItemColumns.Seq] = record.Seq,
            [ItemColumns.From] = StoredValues.StatusName(record.From),
            [ItemColumns.To] = StoredValues.StatusName(record.To),
            [ItemColumns.EffectiveDate] = StoredValues.Date(record.EffectiveDate),
            [ItemColumns.RecordedAt] = record.RecordedAt,
            [ItemColumns.Actor] = record.Actor,
            [ItemColumns.PrevHash] = record.PrevHash,
            [ItemColumns.Hash] = record.Hash,
        };
        ItemEntities.SetOrRemove(entity, ItemColumns.Note, record.Note);
        ItemEntities.SetOrRemove(entity, ItemColumns.EvidenceUrl, record.EvidenceUrl);
        return entity;
    }

    /// <summary>Reads a row; <see langword="null"/> when a column was altered beyond recognition (which the chain check then reports).</summary>
    public static TransitionRecord? FromEntity(TableEntity entity)
    {
        var seq = entity.GetInt32(ItemColumns.Seq);
        var from = StoredValues.ParseStatus(entity.GetString(ItemColumns.From));
        var to = StoredValues.ParseStatus(entity.GetString(ItemColumns.To));
        var effective = StoredValues.ParseDate(entity.GetString(ItemColumns.EffectiveDate));
        var recordedAt = entity.GetDateTimeOffset(ItemColumns.RecordedAt);
        var actor = entity.GetString(ItemColumns.Actor);
        var prevHash = entity.GetString(ItemColumns.PrevHash);
        var hash = entity.GetString(ItemColumns.Hash);
        if (seq is null || from is null || to is null || effective is null || recordedAt is null || actor is null || prevHash is null || hash is null)
        {
            return null;
        }

        return new TransitionRecord(
            seq.Value, from.Value, to.Value, effective.Value, recordedAt.Value.ToUniversalTime(), actor,
            entity.GetString(ItemColumns.Note), entity.GetString(ItemColumns.EvidenceUrl), prevHash, hash);
    }

    /// <summary>The seq a row claims by its key, for naming a row whose columns cannot be read.</summary>
    public static int SeqFromRowKey(string rowKey) =>
        rowKey.Length >= ItemColumns.HistoryRowPrefix.Length + 6
        && int.TryParse(rowKey.AsSpan(ItemColumns.HistoryRowPrefix.Length, 6), System.Globalization.CultureInfo.InvariantCulture, out var seq) ? seq : 0;
}
