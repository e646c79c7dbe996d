namespace TwoZones.Core.Digest;

/// <summary>The overdue items one agency leads.</summary>
/// <param name="AgencyId">Agency id.</param>
/// <param name="NameEn">English name (empty when the agency is not in the catalogue).</param>
/// <param name="NameZh">Chinese name (empty when the agency is not in the catalogue).</param>
/// <param name="Items">Its overdue items, longest overdue first.</param>
public sealed record AgencyOverdue(string AgencyId, string NameEn, string NameZh, IReadOnlyList<OverdueItem> Items);
