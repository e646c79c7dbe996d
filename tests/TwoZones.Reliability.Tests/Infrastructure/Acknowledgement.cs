namespace TwoZones.Reliability.Tests.Infrastructure;

/// <summary>A status change the app answered 200 to.</summary>
/// <param name="Item">The item.</param>
/// <param name="Status">The status it moved to.</param>
/// <param name="IdempotencyKey">The key the request carried.</param>
/// <param name="Key">The API key that sent it.</param>
/// <param name="Attempts">How many times it was sent before the 200.</param>
public sealed record Acknowledgement(ItemRef Item, string Status, string IdempotencyKey, string Key, int Attempts);
