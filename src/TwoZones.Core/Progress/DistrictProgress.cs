namespace TwoZones.Core.Progress;

/// <summary>Progress of the items local to one district.</summary>
/// <param name="District">District code; <see langword="null"/> for items not local to any district.</param>
/// <param name="Total">All items of the district.</param>
/// <param name="Proposed">Items not yet started.</param>
/// <param name="Commenced">Items started and not completed.</param>
/// <param name="Completed">Items done.</param>
/// <param name="Overdue">Overdue items.</param>
public sealed record DistrictProgress(string? District, int Total, int Proposed, int Commenced, int Completed, int Overdue)
    : ProgressFigures(Total, Proposed, Commenced, Completed, Overdue);
