using System.Globalization;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Indicators;

/// <summary>Checks indicators before they are imported; every problem is reported, so a file can be fixed in one go.</summary>
public static class IndicatorValidator
{
    /// <summary>Longest name or source, in characters.</summary>
    public const int MaxTextLength = 500;

    /// <summary>Most indicators one import may bring.</summary>
    public const int MaxIndicators = 500;

    // Imported actuals are judged by the rules an official's report meets; a coordinator may report any indicator.
    private static readonly Actor Importer = new("import", "import", Role.Coordinator, null);

    /// <summary>Validates an import.</summary>
    /// <param name="imports">The indicators to import, with their earlier actuals.</param>
    /// <param name="stored">Indicators already stored (a derived rate may refer to them).</param>
    /// <param name="now">Server time (a reported period must have begun).</param>
    /// <param name="maxActuals">Most actuals one indicator may bring.</param>
    /// <returns>The problems; empty when the import is valid.</returns>
    public static IReadOnlyList<ValidationError> Validate(IReadOnlyList<IndicatorImport> imports, IReadOnlyCollection<Indicator> stored, DateTimeOffset now, int maxActuals)
    {
        ArgumentNullException.ThrowIfNull(imports);
        ArgumentNullException.ThrowIfNull(stored);
        var errors = new List<ValidationError>();
        if (imports.Count == 0 || imports.Count > MaxIndicators)
        {
            errors.Add(new ValidationError("$", "indicators", $"Give between 1 and {MaxIndicators} indicators."));
            return errors;
        }

        var known = new Dictionary<string, Indicator>(StringComparer.Ordinal);
        foreach (var indicator in stored)
        {
            known.TryAdd(indicator.Id, indicator);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var import in imports)
        {
            var i = import.Definition;
            if (!seen.Add(i.Id))
            {
                errors.Add(new ValidationError(i.Id, "id", $"{i.Id} appears more than once."));
            }

            known[i.Id] = i;
        }

        for (var index = 0; index < imports.Count; index++)
        {
            var (i, actuals) = (imports[index].Definition, imports[index].Actuals);
            var at = Indicator.IsId(i.Id) ? i.Id : $"indicators[{index.ToString(CultureInfo.InvariantCulture)}]";
            void Error(string field, string message) => errors.Add(new ValidationError(at, field, message));

            if (!Indicator.IsId(i.Id))
            {
                Error("id", "An id is 1 to 48 letters, digits, '-' or '_', starting with a letter or digit.");
            }

            if (i.Year is < 2000 or > 2100)
            {
                Error("year", "The year must be between 2000 and 2100.");
            }

            if (string.IsNullOrWhiteSpace(i.NameEn) || i.NameEn.Length > MaxTextLength)
            {
                Error("nameEn", $"An English name of 1 to {MaxTextLength} characters is required.");
            }

            if (string.IsNullOrWhiteSpace(i.NameZh) || i.NameZh.Length > MaxTextLength)
            {
                Error("nameZh", $"A Chinese name of 1 to {MaxTextLength} characters is required.");
            }

            if (i.Source is { Length: > MaxTextLength })
            {
                Error("source", $"The source may have at most {MaxTextLength} characters.");
            }

            if (!CatalogueIds.Agency.IsMatch(i.LeadAgency ?? string.Empty))
            {
                Error("leadAgency", "The responsible agency must be an agency id such as BMCB.");
            }

            if (i.Target is { } target && (target < 0 || target > IndicatorRules.MaxValue || (i.Unit == IndicatorUnit.Percent && target > 100)))
            {
                Error("target", "The target must be at least 0 (and at most 100 for a rate).");
            }

            if ((i.Numerator is null) != (i.Denominator is null))
            {
                Error("denominator", "A derived rate names both its numerator and its denominator.");
            }
            else if (i.IsDerived)
            {
                CheckDerived(i, known, Error);
                if (actuals.Count > 0)
                {
                    Error("actuals", "A derived rate is computed; it brings no actuals of its own.");
                }
            }

            if (actuals.Count > maxActuals)
            {
                Error("actuals", $"At most {maxActuals} actuals per indicator.");
            }
            else if (!i.IsDerived)
            {
                for (var a = 0; a < actuals.Count; a++)
                {
                    var decision = IndicatorRules.Evaluate(i with { LeadAgency = i.LeadAgency ?? string.Empty }, Importer, actuals[a], now);
                    if (!decision.IsAllowed)
                    {
                        Error($"actuals[{a.ToString(CultureInfo.InvariantCulture)}]", decision.Message);
                    }
                }
            }
        }

        return errors;
    }

    private static void CheckDerived(Indicator i, Dictionary<string, Indicator> known, Action<string, string> error)
    {
        if (i.Unit != IndicatorUnit.Percent)
        {
            error("unit", "A derived rate is in percent.");
        }

        foreach (var (field, id) in new[] { ("numerator", i.Numerator!), ("denominator", i.Denominator!) })
        {
            if (!known.TryGetValue(id, out var part))
            {
                error(field, $"{id} is neither in the file nor stored.");
            }
            else if (part.IsDerived)
            {
                error(field, $"{id} is itself derived; a rate is computed from reported indicators.");
            }
            else if (part.Year != i.Year)
            {
                error(field, $"{id} is an indicator of {part.Year}, not {i.Year}.");
            }
        }
    }
}
