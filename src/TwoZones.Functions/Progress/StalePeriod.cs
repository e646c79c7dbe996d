using Microsoft.Extensions.Configuration;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;
using TwoZones.Storage;

namespace TwoZones.Functions.Progress;

/// <summary>
/// How long a commenced item may go without news before it is stale (<c>TwoZones:StalePeriodDays</c>, default
/// <see cref="StaleRule.DefaultPeriodDays"/>), and the judgement for today in Beijing.
/// </summary>
public sealed class StalePeriod
{
    /// <summary>The setting.</summary>
    public const string SettingName = "TwoZones:StalePeriodDays";

    private readonly TimeProvider _time;

    /// <summary>Reads the period from configuration.</summary>
    /// <param name="configuration">The app's configuration.</param>
    /// <param name="time">The server clock.</param>
    /// <exception cref="InvalidOperationException">The setting is there but is not a whole number of days from 1 to 3650.</exception>
    public StalePeriod(IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _time = time;
        var text = configuration[SettingName];
        if (string.IsNullOrWhiteSpace(text))
        {
            Days = StaleRule.DefaultPeriodDays;
        }
        else if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 3650)
        {
            Days = days;
        }
        else
        {
            throw new InvalidOperationException($"{SettingName} must be a whole number of days from 1 to 3650, not '{text}'.");
        }
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
