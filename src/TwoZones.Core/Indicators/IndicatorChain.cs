using System.Globalization;
using TwoZones.Core.History;

namespace TwoZones.Core.Indicators;

/// <summary>Makes an indicator's history tamper-evident as <see cref="HistoryChain"/> does an item's.</summary>
public static class IndicatorChain
{
    private const string Version = "twozones-indicator-v1";

    /// <summary>
    /// SHA-256, as 64 lowercase hex digits, of the fields <c>twozones-indicator-v1</c>, indicator id, seq, period, value (invariant, no
    /// trailing zeros: <see cref="FormatValue"/>), recorded instant (UTC, 100 ns), actor, note, evidence URL and previous hash, in
    /// <see cref="HistoryChain.HashFields"/>' length-prefixed encoding.
    /// </summary>
    /// <param name="indicatorId">The indicator, so entries cannot be moved between indicators.</param>
    /// <param name="entry">The entry (its own hash is not read).</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string ComputeHash(string indicatorId, IndicatorActual entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return HistoryChain.HashFields(
        [
            Version, indicatorId, entry.Seq.ToString(CultureInfo.InvariantCulture), entry.Period, FormatValue(entry.Value),
            HistoryChain.FormatInstant(entry.RecordedAt), entry.Actor, entry.Note, entry.EvidenceUrl, entry.PrevHash,
        ]);
    }

    /// <summary>Builds the entry after the one whose seq and hash are given, filling seq, prevHash and hash.</summary>
    /// <param name="indicatorId">The indicator.</param>
    /// <param name="lastSeq">The seq of the current last entry, 0 for none.</param>
    /// <param name="lastHash">The hash of the current last entry, or <see cref="HistoryChain.GenesisHash"/>.</param>
    /// <param name="request">What is reported.</param>
    /// <param name="recordedAt">Server time.</param>
    /// <param name="actor">The caller's id.</param>
    /// <returns>The new entry.</returns>
    public static IndicatorActual Append(string indicatorId, int lastSeq, string lastHash, ActualRequest request, DateTimeOffset recordedAt, string actor)
    {
        ArgumentNullException.ThrowIfNull(request);
        var draft = new IndicatorActual(lastSeq + 1, request.Period, request.Value, recordedAt, actor, request.Note, request.EvidenceUrl, lastHash, string.Empty);
        return draft with { Hash = ComputeHash(indicatorId, draft) };
    }

    /// <summary>Checks an indicator's history and that it ends at <paramref name="expectedHeadHash"/>.</summary>
    /// <param name="indicatorId">The indicator.</param>
    /// <param name="entries">The stored entries in seq order.</param>
    /// <param name="expectedHeadHash">The latest hash kept with the indicator; <see langword="null"/> to skip that check.</param>
    /// <returns>Valid, or the first entry that breaks the chain.</returns>
    public static ChainVerification Verify(string indicatorId, IReadOnlyList<IndicatorActual> entries, string? expectedHeadHash) =>
        HistoryChain.Verify(entries, entry => ComputeHash(indicatorId, entry), expectedHeadHash);

    /// <summary>A value as it is hashed and stored: invariant culture, no trailing zeros (<c>970</c>, <c>77.4</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string FormatValue(decimal value) => value.ToString("G29", CultureInfo.InvariantCulture);
}
