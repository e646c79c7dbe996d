using System.Text.RegularExpressions;

namespace TwoZones.Core.Indicators;

/// <summary>
/// A yearly figure the programme reports against a target (new projects in the investment database, expected investment…), or a rate
/// derived from two of them (landing rate = landed projects / added projects).
/// </summary>
/// <param name="Id">Letters, digits, <c>-</c> and <c>_</c>, at most 48 characters (e.g. <c>2024-INV-PROJECTS</c>).</param>
/// <param name="Year">The calendar year the target is for.</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="Unit">What the values count.</param>
/// <param name="Target">The target for the year; <see langword="null"/> for a figure reported without one.</param>
/// <param name="LeadAgency">The agency whose officials report the actuals.</param>
/// <param name="Numerator">For a derived rate: the indicator counted (e.g. landed projects).</param>
/// <param name="Denominator">For a derived rate: the indicator it is a share of (e.g. added projects).</param>
/// <param name="Source">Where the target and any imported actuals come from.</param>
public sealed partial record Indicator(
    string Id,
    int Year,
    string NameEn,
    string NameZh,
    IndicatorUnit Unit,
    decimal? Target,
    string LeadAgency,
    string? Numerator = null,
    string? Denominator = null,
    string? Source = null)
{
    /// <summary>Whether the values are computed from <see cref="Numerator"/> and <see cref="Denominator"/> rather than reported.</summary>
    public bool IsDerived => Numerator is not null && Denominator is not null;

    /// <summary>Whether <paramref name="id"/> has the form of an indicator id.</summary>
    /// <param name="id">The candidate.</param>
    /// <returns><see langword="true"/> when it can name an indicator.</returns>
    public static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,47}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
