using TwoZones.Core.Indicators;
using TwoZones.Storage.Indicators;

namespace TwoZones.Functions.Indicators;

/// <summary>
/// The indicators with their progress, read from storage at most every <see cref="MaxAge"/> (progress, the dashboard and the digest all
/// show them) and at once after this process records an actual.
/// </summary>
/// <param name="indicators">Indicator storage.</param>
/// <param name="time">The server clock.</param>
public sealed class IndicatorProgressCache(IndicatorRepository indicators, TimeProvider time)
{
    /// <summary>How old the figures may be before a request reads storage again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private (DateTimeOffset ReadAt, IReadOnlyList<IndicatorRecord> Records, IReadOnlyList<IndicatorProgress> Progress)? _last;

    /// <summary>Every indicator (records and computed progress, in the same order).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records and their progress.</returns>
    public async Task<(IReadOnlyList<IndicatorRecord> Records, IReadOnlyList<IndicatorProgress> Progress)> GetAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_last is { } last && time.GetUtcNow() - last.ReadAt < MaxAge)
            {
                return (last.Records, last.Progress);
            }
        }

        var readAt = time.GetUtcNow();
        var records = await indicators.ListAsync(cancellationToken);
        var progress = IndicatorCalculator.Compute([.. records.Select(r => r.Values)]);
        lock (_lock)
        {
            if (_last is not { } newer || newer.ReadAt <= readAt)
            {
                _last = (readAt, records, progress);
            }
        }

        return (records, progress);
    }

    /// <summary>Makes the next request read storage (after an actual or an import).</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            _last = null;
        }
    }
}
