using System.Globalization;

namespace TwoZones.Core.Indicators;

/// <summary>Indicator values as people read them, the same figures in both languages (invariant digits, thousands separators).</summary>
public static class IndicatorFormat
{
    /// <summary>A value with its unit: <c>7,700</c>, <c>CNY 970 bn</c> / <c>9,700 亿元</c>, <c>50.0%</c>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="unit">Unit name (<see cref="IndicatorUnits.Name"/>).</param>
    /// <param name="chinese">Chinese wording.</param>
    /// <returns>The text.</returns>
    public static string Value(decimal value, string unit, bool chinese) => unit switch
    {
        "percent" => value.ToString("0.0", CultureInfo.InvariantCulture) + "%",

        // 1 billion yuan is 10 亿元.
        "cny-billion" => chinese
            ? (value * 10).ToString("#,0.##", CultureInfo.InvariantCulture) + " 亿元"
            : "CNY " + value.ToString("#,0.##", CultureInfo.InvariantCulture) + " bn",
        _ => value.ToString("#,0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>A percentage of target: <c>110.5%</c>.</summary>
    /// <param name="percent">The percentage.</param>
    /// <returns>The text.</returns>
    public static string Percent(double percent) => percent.ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
