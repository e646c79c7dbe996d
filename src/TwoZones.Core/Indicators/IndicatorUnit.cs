namespace TwoZones.Core.Indicators;

/// <summary>What an indicator's values count.</summary>
public enum IndicatorUnit
{
    /// <summary>A number of things (projects, firms); whole numbers.</summary>
    Count,

    /// <summary>A rate in percent, 0–100 (a derived indicator's unit).</summary>
    Percent,

    /// <summary>An amount of money in billions of yuan (CNY 970 billion is 970).</summary>
    CnyBillion,
}
