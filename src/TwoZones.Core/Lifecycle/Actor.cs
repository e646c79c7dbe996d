namespace TwoZones.Core.Lifecycle;

/// <summary>The identified caller behind a request.</summary>
/// <param name="Id">Stable identifier recorded in history.</param>
/// <param name="Name">Display name.</param>
/// <param name="Role">What the caller may do.</param>
/// <param name="Agency">Agency id of an official; <see langword="null"/> for callers that belong to none.</param>
public sealed record Actor(string Id, string Name, Role Role, string? Agency);
