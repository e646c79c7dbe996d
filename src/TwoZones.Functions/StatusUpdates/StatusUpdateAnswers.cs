using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Http;
using TwoZones.Storage.Uploads;

namespace TwoZones.Functions.StatusUpdates;

/// <summary>
/// The first answer to each status-update upload sent with an <c>Idempotency-Key</c>, kept with the upload store, so a re-upload gets
/// the same answer and nothing is applied twice. Keys are per caller. Should the first upload die before its answer is kept, the
/// per-row keys (<see cref="RowKey"/>) still make every row apply once.
/// </summary>
/// <param name="uploads">The upload store.</param>
public sealed class StatusUpdateAnswers(UploadRepository uploads)
{
    /// <summary>A first answer and the file it answered.</summary>
    /// <param name="FileSha256">SHA-256 of the uploaded file.</param>
    /// <param name="Report">The answer.</param>
    public sealed record Answer(string FileSha256, StatusUpdateReport Report);

    /// <summary>The idempotency key a row's transition is applied with: the same item, caller and upload key always give the same one.</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="uploadKey">The upload's key.</param>
    /// <param name="itemId">The row's item.</param>
    /// <returns>A key of 64 visible ASCII characters at most.</returns>
    public static string RowKey(Actor caller, string uploadKey, string itemId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return "sheet-" + Hash(caller.Id + "\n" + uploadKey + "\n" + itemId)[..48];
    }

    /// <summary>The first answer to this caller's upload with this key, if one was kept.</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="uploadKey">The key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The answer, or <see langword="null"/>.</returns>
    public async Task<Answer?> FindAsync(Actor caller, string uploadKey, CancellationToken cancellationToken)
    {
        var bytes = await uploads.LoadAsync(UploadId(caller, uploadKey), cancellationToken);
        return bytes is null ? null : JsonSerializer.Deserialize<Answer>(bytes, ApiJson.Options);
    }

    /// <summary>Keeps the first answer.</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="uploadKey">The key.</param>
    /// <param name="answer">The answer and its file's hash.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when it is stored.</returns>
    public Task SaveAsync(Actor caller, string uploadKey, Answer answer, CancellationToken cancellationToken) =>
        uploads.SaveAsync(UploadId(caller, uploadKey), JsonSerializer.SerializeToUtf8Bytes(answer, ApiJson.Options), cancellationToken);

    /// <summary>The SHA-256 of a file, lowercase hex.</summary>
    /// <param name="bytes">The file.</param>
    /// <returns>The hash.</returns>
    public static string FileHash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string UploadId(Actor caller, string uploadKey)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return "status-updates-" + Hash(caller.Id + "\n" + uploadKey)[..40];
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
