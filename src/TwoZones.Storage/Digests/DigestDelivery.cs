namespace TwoZones.Storage.Digests;

/// <summary>Where the webhook delivery of a stored digest stands.</summary>
/// <param name="Delivered">Whether a delivery was acknowledged with a 2xx answer.</param>
/// <param name="Attempts">How many delivery attempts were made.</param>
/// <param name="LastError">Why the last failed attempt failed; <see langword="null"/> after a success or before any failure.</param>
/// <param name="LastAttemptAt">When the last attempt was made, if any.</param>
/// <param name="DeliveredAt">When the delivery succeeded, if it did.</param>
public sealed record DigestDelivery(bool Delivered, int Attempts, string? LastError, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt)
{
    /// <summary>No attempt yet.</summary>
    public static DigestDelivery None { get; } = new(false, 0, null, null, null);
}
