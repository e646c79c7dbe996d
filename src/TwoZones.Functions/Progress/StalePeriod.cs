using Microsoft.Extensions.Options;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;
using TwoZones.Functions.Hosting;
using TwoZones.Storage;

namespace TwoZones.Functions.Progress;

/// <summary>
/// How long a commenced item may go without news before it is stale (<c>TwoZones:StalePeriodDays</c>, default
/// <see cref="StaleRule.DefaultPeriodDays"/>), and the judgement for today in Beijing.
/// </summary>
public sealed class StalePeriod
{
    private readonly TimeProvider _time;

    /// <summary>Takes the period from the validated settings.</summary>
    /// <param name="options">The stale period setting.</param>
    /// <param name="time">The server clock.</param>
    public StalePeriod(IOptions<StaleOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        Days = options.Value.PeriodDays;
    }

    /// <summary>The period in days.</summary>
    public int Days { get; }

    /// <summary>Today's cutoff: an item last active on or before it is stale.</summary>
    public DateOnly Cutoff => StaleRule.Cutoff(ShanghaiClock.Today(_time.GetUtcNow()), Days);

    /// <summary>Whether a stored item is stale today.</summary>
    /// <param name="record">The item.</param>
    /// <returns>See <see cref="StaleRule.IsStale"/>.</returns>
    public bool IsStale(ItemRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return StaleRule.IsStale(record.Status, record.LastEffectiveDate, ShanghaiClock.Today(_time.GetUtcNow()), Days);
    }
}
