namespace TwoZones.Functions.Health;

/// <summary>The health of a running app.</summary>
/// <param name="Status"><c>ok</c>.</param>
/// <param name="Storage"><c>ok</c>: storage answered.</param>
internal sealed record HealthResponse(string Status, string Storage)
{
    /// <summary>The app and its storage answer.</summary>
    public static HealthResponse Ok { get; } = new("ok", "ok");
}
