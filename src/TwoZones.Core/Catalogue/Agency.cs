namespace TwoZones.Core.Catalogue;

/// <summary>A municipal agency that leads or co-leads items.</summary>
/// <param name="Id">Short code, e.g. <c>BMCB</c>.</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameZh">Chinese name.</param>
public sealed record Agency(string Id, string NameEn, string NameZh);
