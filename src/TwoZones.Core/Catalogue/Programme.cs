namespace TwoZones.Core.Catalogue;

/// <summary>One of the ten special reform programmes.</summary>
/// <param name="Id"><c>P01</c>…<c>P10</c>.</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="LeadAgency">Id of the agency that leads the programme.</param>
public sealed record Programme(string Id, string NameEn, string NameZh, string LeadAgency);
