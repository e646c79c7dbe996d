using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TwoZones.Core.Catalogue;

namespace TwoZones.Core.History;

/// <summary>
/// Makes an item's history tamper-evident: each entry's hash covers its content and the previous entry's hash,
/// so editing, removing or reordering a stored entry breaks the chain at that point.
/// </summary>
public static class HistoryChain
{
    /// <summary>The <c>prevHash</c> of an item's first entry: 64 zeros.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private const string Version = "twozones-history-v1";

    /// <summary>
    /// SHA-256, as 64 lowercase hex digits, of the canonical serialization of an entry.
    /// </summary>
    /// <remarks>
    /// The canonical serialization is the UTF-8 encoding of eleven fields concatenated in this order:
    /// the constant <c>twozones-history-v1</c>, <paramref name="itemId"/>, <paramref name="seq"/> (invariant decimal),
    /// <paramref name="from"/> and <paramref name="to"/> (status names, e.g. <c>Commenced</c>),
    /// <paramref name="effectiveDate"/> (<c>yyyy-MM-dd</c>),
    /// <paramref name="recordedAt"/> converted to UTC as <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> (100 ns ticks, which Azure Tables keeps exactly),
    /// <paramref name="actor"/>, <paramref name="note"/>, <paramref name="evidenceUrl"/> and <paramref name="prevHash"/>.
    /// Each field is written as its length in UTF-8 bytes (invariant decimal), a colon, then its UTF-8 bytes
    /// (<c>4:T042</c>); a <see langword="null"/> field is written as the single character <c>~</c>, so null and empty differ.
    /// Length prefixes make the encoding unambiguous whatever characters the values contain.
    /// </remarks>
    /// <param name="itemId">Item the entry belongs to, so entries cannot be moved between items.</param>
    /// <param name="seq">Entry number.</param>
    /// <param name="from">Status before.</param>
    /// <param name="to">Status after.</param>
    /// <param name="effectiveDate">Effective date.</param>
    /// <param name="recordedAt">Server time of recording.</param>
    /// <param name="actor">Actor id.</param>
    /// <param name="note">Note, if any.</param>
    /// <param name="evidenceUrl">Evidence URL, if any.</param>
    /// <param name="prevHash">Previous entry's hash, or <see cref="GenesisHash"/>.</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string ComputeHash(
        string itemId,
        int seq,
        ItemStatus from,
        ItemStatus to,
        DateOnly effectiveDate,
        DateTimeOffset recordedAt,
        string actor,
        string? note,
        string? evidenceUrl,
        string prevHash)
    {
        return HashFields(
        [
            Version, itemId, seq.ToString(CultureInfo.InvariantCulture), from.ToString(), to.ToString(),
            effectiveDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), FormatInstant(recordedAt), actor, note, evidenceUrl, prevHash,
        ]);
    }

    /// <summary>
    /// SHA-256, as 64 lowercase hex digits, of <paramref name="fields"/> in the canonical encoding of <see cref="ComputeHash(string, int, ItemStatus, ItemStatus, DateOnly, DateTimeOffset, string, string?, string?, string)"/>
    /// (each field length-prefixed, <c>~</c> for <see langword="null"/>): for other chained histories, which start with their own version constant.
    /// </summary>
    /// <param name="fields">The fields, in a fixed order.</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string HashFields(IReadOnlyList<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var buffer = new List<byte>(256);
        foreach (var field in fields)
        {
            Write(buffer, field);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>An instant as chained entries hash it: UTC, <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The text.</returns>
    public static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The hash an entry should carry, recomputed from its content.</summary>
    /// <param name="itemId">Item the entry belongs to.</param>
    /// <param name="record">The entry.</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string ComputeHash(string itemId, TransitionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return ComputeHash(
            itemId, record.Seq, record.From, record.To, record.EffectiveDate, record.RecordedAt,
            record.Actor, record.Note, record.EvidenceUrl, record.PrevHash);
    }

    /// <summary>Builds the next entry after <paramref name="last"/>, filling seq, prevHash and hash.</summary>
    /// <param name="itemId">Item the entry belongs to.</param>
    /// <param name="last">The current last entry, or <see langword="null"/> for the first.</param>
    /// <param name="from">Status before.</param>
    /// <param name="to">Status after.</param>
    /// <param name="effectiveDate">Effective date.</param>
    /// <param name="recordedAt">Server time of recording.</param>
    /// <param name="actor">Actor id.</param>
    /// <param name="note">Note, if any.</param>
    /// <param name="evidenceUrl">Evidence URL, if any.</param>
    /// <returns>The new entry.</returns>
    public static TransitionRecord Append(
        string itemId,
        TransitionRecord? last,
        ItemStatus from,
        ItemStatus to,
        DateOnly effectiveDate,
        DateTimeOffset recordedAt,
        string actor,
        string? note,
        string? evidenceUrl)
    {
        var seq = (last?.Seq ?? 0) + 1;
        var prevHash = last?.Hash ?? GenesisHash;
        var hash = ComputeHash(itemId, seq, from, to, effectiveDate, recordedAt, actor, note, evidenceUrl, prevHash);
        return new TransitionRecord(seq, from, to, effectiveDate, recordedAt, actor, note, evidenceUrl, prevHash, hash);
    }

    /// <summary>Builds the next entry after the last of <paramref name="existing"/>, filling seq, prevHash and hash.</summary>
    /// <param name="itemId">Item the entry belongs to.</param>
    /// <param name="existing">The history so far, in seq order.</param>
    /// <param name="from">Status before.</param>
    /// <param name="to">Status after.</param>
    /// <param name="effectiveDate">Effective date.</param>
    /// <param name="recordedAt">Server time of recording.</param>
    /// <param name="actor">Actor id.</param>
    /// <param name="note">Note, if any.</param>
    /// <param name="evidenceUrl">Evidence URL, if any.</param>
    /// <returns>The new entry.</returns>
    public static TransitionRecord Append(
        string itemId,
        IReadOnlyList<TransitionRecord> existing,
        ItemStatus from,
        ItemStatus to,
        DateOnly effectiveDate,
        DateTimeOffset recordedAt,
        string actor,
        string? note,
        string? evidenceUrl)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var last = existing.Count == 0 ? null : existing[^1];
        return Append(itemId, last, from, to, effectiveDate, recordedAt, actor, note, evidenceUrl);
    }

    /// <summary>Checks an item's history, in the order given (storage order, which is seq order).</summary>
    /// <param name="itemId">Item the entries belong to.</param>
    /// <param name="entries">The stored entries.</param>
    /// <returns>Valid, or the first entry that breaks the chain: a seq out of order (removed or reordered entry),
    /// a prevHash that does not match the previous entry, or a hash that does not match the content (edited entry).</returns>
    public static ChainVerification Verify(string itemId, IReadOnlyList<TransitionRecord> entries) => Verify(itemId, entries, expectedHeadHash: null);

    /// <summary>
    /// Checks an item's history and, when the caller keeps the latest hash elsewhere (e.g. on the item's state row),
    /// that the chain ends there, which also detects removal of the last entries.
    /// </summary>
    /// <param name="itemId">Item the entries belong to.</param>
    /// <param name="entries">The stored entries, in seq order.</param>
    /// <param name="expectedHeadHash">The hash the last entry must have; <see langword="null"/> to skip that check.</param>
    /// <returns>Valid, or the first entry that breaks the chain.</returns>
    public static ChainVerification Verify(string itemId, IReadOnlyList<TransitionRecord> entries, string? expectedHeadHash) =>
        Verify(entries, entry => ComputeHash(itemId, entry), expectedHeadHash);

    /// <summary>Checks any hash-chained history the way <see cref="Verify(string, IReadOnlyList{TransitionRecord}, string?)"/> checks an item's.</summary>
    /// <typeparam name="TEntry">The kind of entry.</typeparam>
    /// <param name="entries">The stored entries, in seq order.</param>
    /// <param name="recompute">The hash an entry should carry, from its content.</param>
    /// <param name="expectedHeadHash">The hash the last entry must have; <see langword="null"/> to skip that check.</param>
    /// <returns>Valid, or the first entry that breaks the chain.</returns>
    public static ChainVerification Verify<TEntry>(IReadOnlyList<TEntry> entries, Func<TEntry, string> recompute, string? expectedHeadHash)
        where TEntry : IChainEntry
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(recompute);
        var expectedPrev = GenesisHash;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var expectedSeq = i + 1;
            if (entry.Seq != expectedSeq)
            {
                return new ChainVerification(
                    false, entry.Seq, $"Entry at position {expectedSeq} has seq {entry.Seq}; an entry was removed or entries were reordered.");
            }

            if (!string.Equals(entry.PrevHash, expectedPrev, StringComparison.Ordinal))
            {
                return new ChainVerification(false, entry.Seq, $"Entry {entry.Seq} does not link to the previous entry's hash.");
            }

            if (!string.Equals(entry.Hash, recompute(entry), StringComparison.Ordinal))
            {
                return new ChainVerification(false, entry.Seq, $"Entry {entry.Seq} does not match its hash; its content was changed.");
            }

            expectedPrev = entry.Hash;
        }

        if (expectedHeadHash is not null && !string.Equals(expectedHeadHash, expectedPrev, StringComparison.Ordinal))
        {
            var seq = entries.Count + 1;
            return new ChainVerification(false, seq, $"The history ends at seq {entries.Count} but the item's latest hash is not there; later entries are missing.");
        }

        return ChainVerification.Valid;
    }

    private static void Write(List<byte> buffer, string? value)
    {
        if (value is null)
        {
            buffer.Add((byte)'~');
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        buffer.AddRange(Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture) + ":"));
        buffer.AddRange(bytes);
    }
}
