using System.Text.Json;
using System.Text.Json.Serialization;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Indicators;

namespace TwoZones.Functions.Indicators;

/// <summary>
/// The body of <c>POST /api/indicators</c> and the layout of <c>data/indicators.sample.json</c>:
/// <c>{ "notice": "...", "indicators": [ { "id", "year", "nameEn", "nameZh", "unit", "target", "leadAgency", "numerator", "denominator",
/// "source", "actuals": [ { "period", "value", "note", "evidenceUrl" } ] } ] }</c>.
/// </summary>
internal sealed class IndicatorFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Free text for readers of the file (where its figures come from).</summary>
    public string? Notice { get; init; }

    /// <summary>The indicators.</summary>
    public List<Entry>? Indicators { get; init; }

    /// <summary>Reads a file.</summary>
    /// <param name="json">Its text.</param>
    /// <returns>The indicators, and the entries whose unit is not one (reported with the other errors).</returns>
    /// <exception cref="JsonException">The text is not such a file.</exception>
    public static (IReadOnlyList<IndicatorImport> Imports, IReadOnlyList<ValidationError> Errors) Parse(string json)
    {
        var file = JsonSerializer.Deserialize<IndicatorFile>(json, Options) ?? throw new JsonException("The file is empty.");
        var imports = new List<IndicatorImport>();
        var errors = new List<ValidationError>();
        foreach (var entry in file.Indicators ?? [])
        {
            var unit = IndicatorUnits.Parse(entry.Unit);
            if (unit is null)
            {
                errors.Add(new ValidationError(entry.Id ?? string.Empty, "unit", $"'{entry.Unit}' is not a unit; use count, percent or cny-billion."));
            }

            var definition = new Indicator(
                entry.Id ?? string.Empty, entry.Year, entry.NameEn ?? string.Empty, entry.NameZh ?? string.Empty, unit ?? IndicatorUnit.Count, entry.Target,
                entry.LeadAgency ?? string.Empty, entry.Numerator, entry.Denominator, entry.Source);
            imports.Add(new IndicatorImport(definition, [.. (entry.Actuals ?? []).Select(a => new ActualRequest(a.Period ?? string.Empty, a.Value, a.Note, a.EvidenceUrl))]));
        }

        return (imports, errors);
    }

    /// <summary>One indicator of the file.</summary>
    internal sealed class Entry
    {
        public string? Id { get; init; }

        public int Year { get; init; }

        public string? NameEn { get; init; }

        public string? NameZh { get; init; }

        public string? Unit { get; init; }

        public decimal? Target { get; init; }

        public string? LeadAgency { get; init; }

        public string? Numerator { get; init; }

        public string? Denominator { get; init; }

        public string? Source { get; init; }

        public List<ActualEntry>? Actuals { get; init; }
    }

    /// <summary>One earlier actual of an indicator.</summary>
    internal sealed class ActualEntry
    {
        public string? Period { get; init; }

        public decimal Value { get; init; }

        public string? Note { get; init; }

        public string? EvidenceUrl { get; init; }
    }
}
