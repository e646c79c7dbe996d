namespace TwoZones.Functions.Digests;

/// <summary>Asks for one programme's part of a digest.</summary>
/// <param name="Week">ISO week id.</param>
/// <param name="RunId">The build of the digest the part belongs to.</param>
/// <param name="Programme">Programme id.</param>
/// <param name="AsOf">The instant the digest describes (the same for every programme).</param>
public sealed record ProgrammeSectionRequest(string Week, string RunId, string Programme, DateTimeOffset AsOf);
