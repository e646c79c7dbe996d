using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Storage.Entities;

/// <summary>
/// Idempotency records live in the item's partition so they commit in the same transaction as the transition they answer for.
/// The row key is a hash of the client's key (keys are free text; row keys are not) and the row remembers a fingerprint of the
/// request body so a reused key with a different body can be refused.
/// </summary>
internal static class IdempotencyRows
{
    public const string AppliedOutcome = "Applied";

    public static string RowKey(string idempotencyKey) =>
        ItemColumns.IdempotencyRowPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];

    public static string Fingerprint(ItemKind kind, string itemId, TransitionRequest request) =>
        Fingerprint(StoredValues.KindName(kind), itemId, StoredValues.StatusName(request.To), StoredValues.Date(request.EffectiveDate), request.Note, request.EvidenceUrl);

    /// <summary>The fingerprint of any request, from its fields in a fixed order (the first names what is changed, e.g. its kind).</summary>
    public static string Fingerprint(params string?[] fields)
    {
        var text = new StringBuilder();
        foreach (var field in fields)
        {
            Append(text, field);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static TableEntity NewRow(string itemId, string rowKey, string fingerprint, int seq, DateTimeOffset now) =>
        new(itemId, rowKey)
        {
            [ItemColumns.Fingerprint] = fingerprint,
            [ItemColumns.Outcome] = AppliedOutcome,
            [ItemColumns.Seq] = seq,
            [ItemColumns.CreatedAt] = now,
        };

    // Length-prefixed so that no choice of note or URL can collide with another field split.
    private static void Append(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append('~');
            return;
        }

        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
    }
}
