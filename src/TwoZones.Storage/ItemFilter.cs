using TwoZones.Core.Catalogue;

namespace TwoZones.Storage;

/// <summary>Optional conditions for listing items; all given conditions must hold.</summary>
/// <param name="Programme">Programme id, e.g. <c>P03</c>.</param>
/// <param name="Agency">Lead agency id, e.g. <c>BMCB</c>.</param>
/// <param name="Status">Current status.</param>
/// <param name="Overdue">The overdue flag.</param>
/// <param name="Stale">Only stale items (<see langword="true"/>) or only the others; needs <paramref name="StaleCutoff"/>.</param>
/// <param name="StaleCutoff">The latest activity date that is stale today (<see cref="Core.Progress.StaleRule.Cutoff"/>).</param>
public sealed record ItemFilter(
    string? Programme = null, string? Agency = null, ItemStatus? Status = null, bool? Overdue = null, bool? Stale = null, DateOnly? StaleCutoff = null)
{
    /// <summary>No conditions: every item of the kind.</summary>
    public static ItemFilter None { get; } = new();
}
