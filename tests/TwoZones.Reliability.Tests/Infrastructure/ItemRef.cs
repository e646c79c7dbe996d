namespace TwoZones.Reliability.Tests.Infrastructure;

/// <summary>An item as the API addresses it.</summary>
/// <param name="Collection"><c>tasks</c> or <c>measures</c>.</param>
/// <param name="Id">The item id.</param>
/// <param name="Agency">Its lead agency.</param>
public sealed record ItemRef(string Collection, string Id, string Agency)
{
    /// <summary>The item's path below <c>/api/</c>.</summary>
    public string Path => $"api/{Collection}/{Id}";
}
