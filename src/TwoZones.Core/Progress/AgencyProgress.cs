namespace TwoZones.Core.Progress;

/// <summary>Progress of the items one agency leads.</summary>
/// <param name="Id">Agency id.</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="Total">All items the agency leads.</param>
/// <param name="Proposed">Items not yet started.</param>
/// <param name="Commenced">Items started and not completed.</param>
/// <param name="Completed">Items done.</param>
/// <param name="Overdue">Overdue items.</param>
public sealed record AgencyProgress(
    string Id, string NameEn, string NameZh, int Total, int Proposed, int Commenced, int Completed, int Overdue)
    : ProgressFigures(Total, Proposed, Commenced, Completed, Overdue);
