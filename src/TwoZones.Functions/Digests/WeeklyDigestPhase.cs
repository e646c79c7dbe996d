namespace TwoZones.Functions.Digests;

/// <summary>The custom status of a <see cref="WeeklyDigestOrchestrator"/> instance, in the order it moves through them.</summary>
public static class WeeklyDigestPhase
{
    /// <summary>The programmes' parts are being computed.</summary>
    public const string Collecting = "Collecting";

    /// <summary>The parts are being merged into the stored digest.</summary>
    public const string Composing = "Composing";

    /// <summary>The stored digest is being posted to the webhook (with retries).</summary>
    public const string Delivering = "Delivering";

    /// <summary>Final: the webhook acknowledged the digest.</summary>
    public const string Delivered = "Delivered";

    /// <summary>Final: the digest is stored but not delivered (no webhook, or every attempt failed).</summary>
    public const string Stored = "Stored";
}
