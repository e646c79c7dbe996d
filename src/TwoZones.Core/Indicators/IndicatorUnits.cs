namespace TwoZones.Core.Indicators;

/// <summary>Unit names as the API and the indicator file spell them: <c>count</c>, <c>percent</c>, <c>cny-billion</c>.</summary>
public static class IndicatorUnits
{
    /// <summary>The name of a unit.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>E.g. <c>cny-billion</c>.</returns>
    public static string Name(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Count => "count",
        IndicatorUnit.Percent => "percent",
        _ => "cny-billion",
    };

    /// <summary>Reads a unit name, spelt exactly.</summary>
    /// <param name="text">The name.</param>
    /// <returns>The unit, or <see langword="null"/> for anything else.</returns>
    public static IndicatorUnit? Parse(string? text) => text switch
    {
        "count" => IndicatorUnit.Count,
        "percent" => IndicatorUnit.Percent,
        "cny-billion" => IndicatorUnit.CnyBillion,
        _ => null,
    };
}
