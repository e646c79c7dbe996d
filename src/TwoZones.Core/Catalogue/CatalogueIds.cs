using System.Text.RegularExpressions;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Catalogue;

/// <summary>The forms ids take: what the catalogue accepts, and so all that a request can name.</summary>
public static partial class CatalogueIds
{
    /// <summary>An agency: a letter, then up to 31 letters, digits, <c>-</c> or <c>_</c> (e.g. <c>BMCB</c>).</summary>
    public static Regex Agency => AgencyPattern();

    /// <summary>A programme: <c>P01</c>…<c>P99</c>.</summary>
    public static Regex Programme => ProgrammePattern();

    /// <summary>A task: <c>T001</c>…<c>T999</c>.</summary>
    public static Regex Task => TaskPattern();

    /// <summary>A measure: its programme, then <c>-M001</c>…<c>-M999</c> (e.g. <c>P03-M017</c>).</summary>
    public static Regex Measure => MeasurePattern();

    /// <summary>Whether <paramref name="id"/> has the form of a <paramref name="kind"/>'s id.</summary>
    public static bool IsItemId(ItemKind kind, string? id) =>
        id is not null && (kind == ItemKind.Task ? TaskPattern() : MeasurePattern()).IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]{0,31}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AgencyPattern();

    [GeneratedRegex(@"^P(0[1-9]|[1-9][0-9])\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProgrammePattern();

    [GeneratedRegex(@"^T(00[1-9]|0[1-9][0-9]|[1-9][0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex TaskPattern();

    [GeneratedRegex(@"^P(0[1-9]|[1-9][0-9])-M(00[1-9]|0[1-9][0-9]|[1-9][0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex MeasurePattern();
}
