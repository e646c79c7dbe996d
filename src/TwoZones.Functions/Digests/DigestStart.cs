namespace TwoZones.Functions.Digests;

/// <summary>The result of asking for a week's digest.</summary>
/// <param name="Week">ISO week id.</param>
/// <param name="InstanceId">The week's orchestration instance id.</param>
/// <param name="Started">Whether this call started it (false when it already runs or has completed).</param>
public sealed record DigestStart(string Week, string InstanceId, bool Started);
