using TwoZones.Core.Lifecycle;
using TwoZones.Core.Time;

namespace TwoZones.Core.Progress;

/// <summary>When <see cref="OverdueRule"/> next flips for an item: the start, in Asia/Shanghai, of the day after its next planned date.</summary>
public static class OverdueDeadline
{
    /// <summary>The instant an item in <paramref name="status"/> becomes overdue if nothing happens.</summary>
    /// <param name="status">Current status.</param>
    /// <param name="plannedCommencement">Planned start, if any.</param>
    /// <param name="plannedCompletion">Planned end, if any.</param>
    /// <returns>Midnight (Beijing) after the deadline, in UTC; <see langword="null"/> when the status has no deadline.</returns>
    public static DateTimeOffset? FlipsAt(ItemStatus status, DateOnly? plannedCommencement, DateOnly? plannedCompletion)
    {
        if (OverdueRule.NextDeadline(status, plannedCommencement, plannedCompletion) is not { } deadline)
        {
            return null;
        }

        var localMidnight = deadline.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(localMidnight, ShanghaiClock.Zone), TimeSpan.Zero);
    }
}
