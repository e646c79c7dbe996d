using Azure.Data.Tables;
using TwoZones.Core.Catalogue;
using TwoZones.Core.History;
using TwoZones.Core.Progress;

namespace TwoZones.Storage.Entities;

/// <summary>Maps an item's state row to and from the domain.</summary>
internal static class ItemEntities
{
    public static TableEntity NewState(CatalogueItem item, DateTimeOffset now, string actor, TransitionRecord? last, bool overdue)
    {
        var entity = new TableEntity(item.Id, ItemColumns.StateRowKey(item.Id))
        {
            [ItemColumns.Kind] = StoredValues.KindName(item.Kind),
            [ItemColumns.Programme] = item.Programme,
            [ItemColumns.TitleEn] = item.TitleEn,
            [ItemColumns.TitleZh] = item.TitleZh,
            [ItemColumns.LeadAgency] = item.LeadAgency,
            [ItemColumns.CoAgencies] = StoredValues.List(item.CoAgencies),
            [ItemColumns.Tasks] = StoredValues.List(item.Tasks),
            [ItemColumns.Status] = StoredValues.StatusName(item.Status),
            [ItemColumns.LastSeq] = last?.Seq ?? 0,
            [ItemColumns.LastHash] = last?.Hash ?? HistoryChain.GenesisHash,
            [ItemColumns.UpdatedAt] = now,
            [ItemColumns.UpdatedBy] = actor,
            [ItemColumns.Overdue] = overdue,
            [ItemColumns.OverdueCheckedAt] = now,
        };
        SetOrRemove(entity, ItemColumns.District, item.District);
        SetOrRemove(entity, ItemColumns.PlannedCommencement, StoredValues.Date(item.PlannedCommencement));
        SetOrRemove(entity, ItemColumns.PlannedCompletion, StoredValues.Date(item.PlannedCompletion));
        SetOrRemove(entity, ItemColumns.CommencedOn, StoredValues.Date(item.CommencedOn));
        SetOrRemove(entity, ItemColumns.CompletedOn, StoredValues.Date(item.CompletedOn));
        SetOrRemove(entity, ItemColumns.LastEffectiveDate, StoredValues.Date(last?.EffectiveDate));
        return entity;
    }

    public static void SetOrRemove(TableEntity entity, string column, string? value)
    {
        if (value is null)
        {
            entity.Remove(column);
        }
        else
        {
            entity[column] = value;
        }
    }

    public static ItemKind? KindOf(TableEntity entity) => StoredValues.ParseKind(entity.GetString(ItemColumns.Kind));

    public static ItemStatus StatusOf(TableEntity entity) => StoredValues.ParseStatus(entity.GetString(ItemColumns.Status)) ?? ItemStatus.Proposed;

    public static int LastSeqOf(TableEntity entity) => entity.GetInt32(ItemColumns.LastSeq) ?? 0;

    public static string LastHashOf(TableEntity entity) => entity.GetString(ItemColumns.LastHash) ?? HistoryChain.GenesisHash;

    public static DateOnly? LastEffectiveDateOf(TableEntity entity) => StoredValues.ParseDate(entity.GetString(ItemColumns.LastEffectiveDate));

    public static CatalogueItem ToItem(TableEntity entity) => new()
    {
        Id = entity.PartitionKey,
        Kind = KindOf(entity) ?? ItemKind.Task,
        Programme = entity.GetString(ItemColumns.Programme) ?? string.Empty,
        TitleEn = entity.GetString(ItemColumns.TitleEn) ?? string.Empty,
        TitleZh = entity.GetString(ItemColumns.TitleZh) ?? string.Empty,
        LeadAgency = entity.GetString(ItemColumns.LeadAgency) ?? string.Empty,
        CoAgencies = StoredValues.ParseList(entity.GetString(ItemColumns.CoAgencies)),
        District = entity.GetString(ItemColumns.District),
        Tasks = StoredValues.ParseList(entity.GetString(ItemColumns.Tasks)),
        PlannedCommencement = StoredValues.ParseDate(entity.GetString(ItemColumns.PlannedCommencement)),
        PlannedCompletion = StoredValues.ParseDate(entity.GetString(ItemColumns.PlannedCompletion)),
        Status = StatusOf(entity),
        CommencedOn = StoredValues.ParseDate(entity.GetString(ItemColumns.CommencedOn)),
        CompletedOn = StoredValues.ParseDate(entity.GetString(ItemColumns.CompletedOn)),
    };

    public static ItemRecord ToRecord(TableEntity entity) => new(
        ToItem(entity),
        ItemVersion.FromETag(entity.ETag),
        entity.GetDateTimeOffset(ItemColumns.UpdatedAt) ?? entity.Timestamp ?? DateTimeOffset.MinValue,
        entity.GetString(ItemColumns.UpdatedBy) ?? string.Empty,
        entity.GetBoolean(ItemColumns.Overdue) ?? false,
        LastEffectiveDateOf(entity),
        LastSeqOf(entity));

    public static ItemSnapshot ToSnapshot(TableEntity entity) => new(
        entity.PartitionKey,
        KindOf(entity) ?? ItemKind.Task,
        entity.GetString(ItemColumns.Programme) ?? string.Empty,
        entity.GetString(ItemColumns.LeadAgency) ?? string.Empty,
        entity.GetString(ItemColumns.District),
        StatusOf(entity),
        StoredValues.ParseDate(entity.GetString(ItemColumns.PlannedCommencement)),
        StoredValues.ParseDate(entity.GetString(ItemColumns.PlannedCompletion)),
        LastEffectiveDateOf(entity));
}
