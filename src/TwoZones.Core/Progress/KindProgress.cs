using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Progress;

/// <summary>Progress of all tasks, or of all measures.</summary>
/// <param name="Kind">Task or measure (serialized as <c>"task"</c>/<c>"measure"</c>).</param>
/// <param name="Total">All items of the kind.</param>
/// <param name="Proposed">Items not yet started.</param>
/// <param name="Commenced">Items started and not completed.</param>
/// <param name="Completed">Items done.</param>
/// <param name="Overdue">Overdue items.</param>
public sealed record KindProgress(ItemKind Kind, int Total, int Proposed, int Commenced, int Completed, int Overdue)
    : ProgressFigures(Total, Proposed, Commenced, Completed, Overdue);
