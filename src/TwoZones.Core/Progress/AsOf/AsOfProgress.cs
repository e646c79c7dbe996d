namespace TwoZones.Core.Progress.AsOf;

/// <summary>Progress as it stood at the end of one Asia/Shanghai day, recomputed from the history's effective dates.</summary>
/// <param name="Date">The day.</param>
/// <param name="Report">The figures; its <c>AsOf</c> is the instant the day ended (the next day's midnight in Beijing).</param>
/// <param name="LateCorrections">Whether entries recorded after the day changed these figures.</param>
public sealed record AsOfProgress(DateOnly Date, ProgressReport Report, LateCorrections LateCorrections);
