namespace TwoZones.Functions.Digests;

/// <summary>The answer to a request for this week's digest.</summary>
/// <param name="Id">The digest run's orchestration instance.</param>
/// <param name="StatusQueryGetUri">Its Durable Functions status URL.</param>
/// <param name="Week">The ISO week, e.g. <c>2026-W49</c>.</param>
/// <param name="Started">Whether this request started the run (false: it was running or done already this week).</param>
internal sealed record DigestStarted(string Id, string? StatusQueryGetUri, string Week, bool Started);
