using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using TwoZones.Core.History;
using TwoZones.Core.Indicators;
using TwoZones.Storage.Entities;

namespace TwoZones.Storage.Indicators;

/// <summary>
/// Rows of the indicators table. Partition = indicator id; row <c>state</c> holds the definition, the latest value of each period
/// (JSON) and the chain head; rows <c>h-000001</c>… the history; <c>idem-…</c> the idempotency records (as for items).
/// Values are stored as invariant text so they come back exactly as reported.
/// </summary>
internal static class IndicatorEntities
{
    public const string StateRowKey = "state";

    private const string Year = "Year";
    private const string NameEn = "NameEn";
    private const string NameZh = "NameZh";
    private const string Unit = "Unit";
    private const string Target = "Target";
    private const string LeadAgency = "LeadAgency";
    private const string Numerator = "Numerator";
    private const string Denominator = "Denominator";
    private const string Source = "Source";
    private const string Position = "Position";
    private const string Values = "Values";
    private const string Period = "Period";
    private const string Value = "Value";

    public static string HistoryRowKey(int seq) => ItemColumns.HistoryRowPrefix + seq.ToString("D6", CultureInfo.InvariantCulture);

    public static int PositionOf(TableEntity state) => state.GetInt32(Position) ?? int.MaxValue;

    public static TableEntity NewState(Indicator indicator, int position, DateTimeOffset now, string actor)
    {
        var entity = new TableEntity(indicator.Id, StateRowKey)
        {
            [Year] = indicator.Year,
            [NameEn] = indicator.NameEn,
            [NameZh] = indicator.NameZh,
            [Unit] = IndicatorUnits.Name(indicator.Unit),
            [LeadAgency] = indicator.LeadAgency,
            [Position] = position,
            [Values] = "{}",
            [ItemColumns.LastSeq] = 0,
            [ItemColumns.LastHash] = HistoryChain.GenesisHash,
            [ItemColumns.UpdatedAt] = now,
            [ItemColumns.UpdatedBy] = actor,
        };
        ItemEntities.SetOrRemove(entity, Target, indicator.Target is { } target ? IndicatorChain.FormatValue(target) : null);
        ItemEntities.SetOrRemove(entity, Numerator, indicator.Numerator);
        ItemEntities.SetOrRemove(entity, Denominator, indicator.Denominator);
        ItemEntities.SetOrRemove(entity, Source, indicator.Source);
        return entity;
    }

    /// <summary>The state after <paramref name="entry"/>: a copy of <paramref name="state"/> with the entry's value and the new chain head.</summary>
    public static TableEntity WithEntry(TableEntity state, IndicatorActual entry)
    {
        var next = new TableEntity(state.PartitionKey, state.RowKey);
        foreach (var (key, value) in state)
        {
            if (key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                next[key] = value;
            }
        }

        var periods = new Dictionary<string, PeriodValue>(PeriodsOf(state), StringComparer.Ordinal) { [entry.Period] = new PeriodValue(entry.Value, entry.Seq) };
        next[Values] = WritePeriods(periods);
        next[ItemColumns.LastSeq] = entry.Seq;
        next[ItemColumns.LastHash] = entry.Hash;
        next[ItemColumns.UpdatedAt] = entry.RecordedAt;
        next[ItemColumns.UpdatedBy] = entry.Actor;
        return next;
    }

    public static IndicatorRecord ToRecord(TableEntity state) => new(
        ToIndicator(state),
        PeriodsOf(state),
        ItemEntities.LastSeqOf(state),
        state.GetDateTimeOffset(ItemColumns.UpdatedAt) ?? state.Timestamp ?? DateTimeOffset.MinValue,
        state.GetString(ItemColumns.UpdatedBy) ?? string.Empty);

    public static TableEntity ToEntity(string indicatorId, IndicatorActual entry)
    {
        var entity = new TableEntity(indicatorId, HistoryRowKey(entry.Seq))
        {
            [ItemColumns.Seq] = entry.Seq,
            [Period] = entry.Period,
            [Value] = IndicatorChain.FormatValue(entry.Value),
            [ItemColumns.RecordedAt] = entry.RecordedAt,
            [ItemColumns.Actor] = entry.Actor,
            [ItemColumns.PrevHash] = entry.PrevHash,
            [ItemColumns.Hash] = entry.Hash,
        };
        ItemEntities.SetOrRemove(entity, ItemColumns.Note, entry.Note);
        ItemEntities.SetOrRemove(entity, ItemColumns.EvidenceUrl, entry.EvidenceUrl);
        return entity;
    }

    /// <summary>Reads a history row; <see langword="null"/> when a column was altered beyond recognition (the chain check reports it).</summary>
    public static IndicatorActual? FromEntity(TableEntity row)
    {
        var seq = row.GetInt32(ItemColumns.Seq);
        var period = row.GetString(Period);
        var value = ParseValue(row.GetString(Value));
        var recordedAt = row.GetDateTimeOffset(ItemColumns.RecordedAt);
        var actor = row.GetString(ItemColumns.Actor);
        var prevHash = row.GetString(ItemColumns.PrevHash);
        var hash = row.GetString(ItemColumns.Hash);
        if (seq is null || period is null || value is null || recordedAt is null || actor is null || prevHash is null || hash is null)
        {
            return null;
        }

        return new IndicatorActual(
            seq.Value, period, value.Value, recordedAt.Value.ToUniversalTime(), actor, row.GetString(ItemColumns.Note), row.GetString(ItemColumns.EvidenceUrl), prevHash, hash);
    }

    private static Indicator ToIndicator(TableEntity state) => new(
        state.PartitionKey,
        state.GetInt32(Year) ?? 0,
        state.GetString(NameEn) ?? string.Empty,
        state.GetString(NameZh) ?? string.Empty,
        IndicatorUnits.Parse(state.GetString(Unit)) ?? IndicatorUnit.Count,
        ParseValue(state.GetString(Target)),
        state.GetString(LeadAgency) ?? string.Empty,
        state.GetString(Numerator),
        state.GetString(Denominator),
        state.GetString(Source));

    private static IReadOnlyDictionary<string, PeriodValue> PeriodsOf(TableEntity state)
    {
        var periods = new Dictionary<string, PeriodValue>(StringComparer.Ordinal);
        var text = state.GetString(Values);
        if (string.IsNullOrEmpty(text))
        {
            return periods;
        }

        try
        {
            foreach (var (period, stored) in JsonSerializer.Deserialize<Dictionary<string, StoredPeriod>>(text) ?? [])
            {
                if (ParseValue(stored.V) is { } value)
                {
                    periods[period] = new PeriodValue(value, stored.S);
                }
            }
        }
        catch (JsonException)
        {
            // An unreadable column shows as no values; the history still holds every report and its chain check tells if it was altered.
        }

        return periods;
    }

    private static string WritePeriods(IReadOnlyDictionary<string, PeriodValue> periods) =>
        JsonSerializer.Serialize(periods.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => new StoredPeriod(IndicatorChain.FormatValue(p.Value.Value), p.Value.Seq)));

    private static decimal? ParseValue(string? text) =>
        text is not null && decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private sealed record StoredPeriod(string V, int S);
}
