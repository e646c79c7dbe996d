namespace TwoZones.Functions.Digests;

/// <summary>Asks to deliver a stored digest to the webhook.</summary>
/// <param name="Week">ISO week id.</param>
/// <param name="IdempotencyKey">Sent as the <c>Idempotency-Key</c> header: the orchestration instance id, one per week.</param>
public sealed record DigestDeliveryRequest(string Week, string IdempotencyKey);
