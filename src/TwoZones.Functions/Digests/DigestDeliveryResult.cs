namespace TwoZones.Functions.Digests;

/// <summary>How a delivery activity ended without failing.</summary>
/// <param name="Delivered">The receiver acknowledged the digest (now or in an earlier attempt).</param>
/// <param name="Configured">A webhook URL is configured.</param>
public sealed record DigestDeliveryResult(bool Delivered, bool Configured);
