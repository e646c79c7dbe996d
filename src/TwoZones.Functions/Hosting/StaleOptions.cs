using Microsoft.Extensions.Configuration;
using TwoZones.Core.Progress;

namespace TwoZones.Functions.Hosting;

/// <summary>When a commenced item counts as stale (section <c>TwoZones</c>).</summary>
public sealed class StaleOptions
{
    /// <summary>The longest period accepted: ten years.</summary>
    public const int MaxPeriodDays = 3650;

    /// <summary><c>TwoZones:StalePeriodDays</c>: days without a status change, note or evidence after which a commenced item is stale.</summary>
    [ConfigurationKeyName("StalePeriodDays")]
    public int PeriodDays { get; set; } = StaleRule.DefaultPeriodDays;
}
