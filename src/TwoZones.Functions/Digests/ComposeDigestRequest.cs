namespace TwoZones.Functions.Digests;

/// <summary>Asks to compose and store a digest from its staged programme parts.</summary>
/// <param name="Week">ISO week id.</param>
/// <param name="RunId">The build whose parts to use.</param>
/// <param name="InstanceId">The orchestration instance building it.</param>
/// <param name="AsOf">The instant the digest describes.</param>
/// <param name="Programmes">The programmes whose parts must all be there.</param>
public sealed record ComposeDigestRequest(string Week, string RunId, string InstanceId, DateTimeOffset AsOf, IReadOnlyList<string> Programmes);
