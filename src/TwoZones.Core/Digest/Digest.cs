using System.Text.Json.Serialization;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Indicators;
using TwoZones.Core.Progress;

namespace TwoZones.Core.Digest;

/// <summary>The weekly progress digest, language-neutral; <see cref="DigestRenderer"/> renders it.</summary>
/// <param name="Week">ISO week id, e.g. <c>2026-W48</c>.</param>
/// <param name="WeekStart">Monday of the week.</param>
/// <param name="WeekEnd">Sunday of the week.</param>
/// <param name="GeneratedAt">When the digest was composed.</param>
/// <param name="Totals">Current overall counts.</param>
/// <param name="Previous">Overall counts of the previous snapshot, if any.</param>
/// <param name="PreviousAsOf">When the previous snapshot was taken, if any.</param>
/// <param name="Deltas">Totals − Previous; <see langword="null"/> without a previous snapshot.</param>
/// <param name="Moved">Transitions recorded during the week (Asia/Shanghai), oldest first.</param>
/// <param name="OverdueByAgency">Overdue items grouped by lead agency.</param>
/// <param name="Programmes">Per-programme table, every programme.</param>
/// <param name="Seal">The history seal made with the digest; <see langword="null"/> for digests stored before seals existed.</param>
/// <param name="StaleByAgency">Reminders: stale items grouped by lead agency (absent from digests composed before there were any).</param>
/// <param name="StalePeriodDays">The stale period the reminders were judged with.</param>
/// <param name="Indicators">Indicators with their latest actuals and progress against target.</param>
public sealed record Digest(
    string Week,
    DateOnly WeekStart,
    DateOnly WeekEnd,
    [property: JsonConverter(typeof(UtcInstantJsonConverter))] DateTimeOffset GeneratedAt,
    ProgressCounts Totals,
    ProgressCounts? Previous,
    [property: JsonConverter(typeof(UtcInstantJsonConverter))] DateTimeOffset? PreviousAsOf,
    DigestDeltas? Deltas,
    IReadOnlyList<DigestMovement> Moved,
    IReadOnlyList<AgencyOverdue> OverdueByAgency,
    IReadOnlyList<DigestProgrammeRow> Programmes,
    Seals.Seal? Seal = null,
    IReadOnlyList<AgencyStale>? StaleByAgency = null,
    int? StalePeriodDays = null,
    IReadOnlyList<IndicatorProgress>? Indicators = null);
