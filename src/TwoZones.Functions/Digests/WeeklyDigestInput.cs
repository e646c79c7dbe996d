namespace TwoZones.Functions.Digests;

/// <summary>The input of a <see cref="WeeklyDigestOrchestrator"/> instance; the retry settings travel with it so that replays agree.</summary>
/// <param name="Week">ISO week id, e.g. <c>2026-W48</c>.</param>
/// <param name="DeliveryAttempts">Webhook delivery attempts in all.</param>
/// <param name="DeliveryFirstRetryInterval">Delay before the first delivery retry.</param>
public sealed record WeeklyDigestInput(string Week, int DeliveryAttempts, TimeSpan DeliveryFirstRetryInterval);
