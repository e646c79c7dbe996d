namespace TwoZones.Core.Digest;

/// <summary>The stale items one agency leads: its reminder list.</summary>
/// <param name="AgencyId">Agency id.</param>
/// <param name="NameEn">English name (empty when the agency is not in the catalogue).</param>
/// <param name="NameZh">Chinese name (empty when the agency is not in the catalogue).</param>
/// <param name="Items">Its stale items, longest without news first.</param>
public sealed record AgencyStale(string AgencyId, string NameEn, string NameZh, IReadOnlyList<StaleItem> Items);
