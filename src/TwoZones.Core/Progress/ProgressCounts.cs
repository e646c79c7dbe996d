namespace TwoZones.Core.Progress;

/// <summary>Counts of items by status, with the derived percentages, of no item set in particular (sums, deltas, snapshots).</summary>
/// <param name="Total">All items counted.</param>
/// <param name="Proposed">Items not yet started.</param>
/// <param name="Commenced">Items started and not completed.</param>
/// <param name="Completed">Items done.</param>
/// <param name="Overdue">Items whose next planned date has passed.</param>
public sealed record ProgressCounts(int Total, int Proposed, int Commenced, int Completed, int Overdue)
    : ProgressFigures(Total, Proposed, Commenced, Completed, Overdue)
{
    /// <summary>No items.</summary>
    public static ProgressCounts Empty { get; } = new(0, 0, 0, 0, 0);
}
