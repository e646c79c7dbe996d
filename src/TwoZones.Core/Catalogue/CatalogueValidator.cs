using System.Text.RegularExpressions;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Catalogue;

/// <summary>
/// Checks a parsed catalogue for everything that would make it unsafe to import, and reports every problem at once
/// so a file can be fixed in one go.
/// </summary>
public static partial class CatalogueValidator
{
    /// <summary>Validates everything except whether actual dates lie in the future.</summary>
    /// <param name="catalogue">The catalogue to check.</param>
    /// <returns>Every error found, in document order; empty when the catalogue is valid.</returns>
    public static IReadOnlyList<ValidationError> Validate(Catalogue catalogue) => Validate(catalogue, today: null);

    /// <summary>Validates everything, including that <c>commencedOn</c>/<c>completedOn</c> are not after <paramref name="today"/>.</summary>
    /// <param name="catalogue">The catalogue to check.</param>
    /// <param name="today">The current date (Asia/Shanghai); see <c>ShanghaiClock.Today</c>.</param>
    /// <returns>Every error found, in document order; empty when the catalogue is valid.</returns>
    public static IReadOnlyList<ValidationError> Validate(Catalogue catalogue, DateOnly today) => Validate(catalogue, (DateOnly?)today);

    private static List<ValidationError> Validate(Catalogue catalogue, DateOnly? today)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var errors = new List<ValidationError>();
        CheckNotEmpty(catalogue, errors);

        var agencyIds = CheckIds(catalogue.Agencies.Select(a => a.Id), "agency", CatalogueIds.Agency, errors);
        foreach (var agency in catalogue.Agencies)
        {
            RequireText(agency.Id, "nameEn", agency.NameEn, "English name", errors);
            RequireText(agency.Id, "nameZh", agency.NameZh, "Chinese name", errors);
        }

        var programmeIds = CheckIds(catalogue.Programmes.Select(p => p.Id), "programme", CatalogueIds.Programme, errors);
        foreach (var programme in catalogue.Programmes)
        {
            RequireText(programme.Id, "nameEn", programme.NameEn, "English name", errors);
            RequireText(programme.Id, "nameZh", programme.NameZh, "Chinese name", errors);
            RequireReference(programme.Id, "leadAgency", programme.LeadAgency, agencyIds, "agency", errors);
        }

        var taskIds = CheckIds(catalogue.Tasks.Select(t => t.Id), "task", CatalogueIds.Task, errors);
        CheckIds(catalogue.Measures.Select(m => m.Id), "measure", CatalogueIds.Measure, errors);

        foreach (var item in catalogue.Items)
        {
            CheckItem(item, agencyIds, programmeIds, taskIds, today, errors);
        }

        return errors;
    }

    /// <summary>A file with nothing to track would "succeed" while importing nothing, which hides a wrong file or a truncated upload.</summary>
    private static void CheckNotEmpty(Catalogue catalogue, List<ValidationError> errors)
    {
        if (catalogue.Agencies.Count == 0)
        {
            errors.Add(new(string.Empty, "agencies", "The catalogue lists no agencies; it needs at least one."));
        }

        if (catalogue.Programmes.Count == 0)
        {
            errors.Add(new(string.Empty, "programmes", "The catalogue lists no programmes; it needs at least one."));
        }

        if (catalogue.Tasks.Count == 0 && catalogue.Measures.Count == 0)
        {
            errors.Add(new(string.Empty, "tasks", "The catalogue lists no tasks and no measures; it needs at least one of either."));
        }
    }

    private static void CheckItem(
        CatalogueItem item,
        HashSet<string> agencyIds,
        HashSet<string> programmeIds,
        HashSet<string> taskIds,
        DateOnly? today,
        List<ValidationError> errors)
    {
        var id = item.Id;
        RequireReference(id, "programme", item.Programme, programmeIds, "programme", errors);
        if (item.Kind == ItemKind.Measure && CatalogueIds.Measure.IsMatch(id) && !id.StartsWith(item.Programme + "-", StringComparison.Ordinal))
        {
            errors.Add(new(id, "id", $"Measure id {id} must start with its programme {item.Programme}-."));
        }

        RequireText(id, "titleEn", item.TitleEn, "English title", errors);
        RequireText(id, "titleZh", item.TitleZh, "Chinese title", errors);
        RequireReference(id, "leadAgency", item.LeadAgency, agencyIds, "agency", errors);
        foreach (var coAgency in item.CoAgencies)
        {
            RequireReference(id, "coAgencies", coAgency, agencyIds, "agency", errors);
        }

        foreach (var task in item.Tasks)
        {
            RequireReference(id, "tasks", task, taskIds, "task", errors);
        }

        if (item.PlannedCommencement is { } plannedStart && item.PlannedCompletion is { } plannedEnd && plannedEnd < plannedStart)
        {
            errors.Add(new(id, "plannedCompletion", $"{id}: planned completion {plannedEnd:yyyy-MM-dd} is before planned commencement {plannedStart:yyyy-MM-dd}."));
        }

        CheckStatusDates(item, errors);
        if (today is { } now)
        {
            if (item.CommencedOn is { } commenced && commenced > now)
            {
                errors.Add(new(id, "commencedOn", $"{id}: commencedOn {commenced:yyyy-MM-dd} is in the future (today is {now:yyyy-MM-dd})."));
            }

            if (item.CompletedOn is { } completed && completed > now)
            {
                errors.Add(new(id, "completedOn", $"{id}: completedOn {completed:yyyy-MM-dd} is in the future (today is {now:yyyy-MM-dd})."));
            }
        }
    }

    private static void CheckStatusDates(CatalogueItem item, List<ValidationError> errors)
    {
        var id = item.Id;
        switch (item.Status)
        {
            case ItemStatus.Proposed:
                if (item.CommencedOn is not null)
                {
                    errors.Add(new(id, "commencedOn", $"{id} is Proposed and must not have commencedOn."));
                }

                if (item.CompletedOn is not null)
                {
                    errors.Add(new(id, "completedOn", $"{id} is Proposed and must not have completedOn."));
                }

                break;
            case ItemStatus.Commenced:
                if (item.CommencedOn is null)
                {
                    errors.Add(new(id, "commencedOn", $"{id} is Commenced and needs commencedOn."));
                }

                if (item.CompletedOn is not null)
                {
                    errors.Add(new(id, "completedOn", $"{id} is Commenced and must not have completedOn."));
                }

                break;
            case ItemStatus.Completed:
                if (item.CommencedOn is null)
                {
                    errors.Add(new(id, "commencedOn", $"{id} is Completed and needs commencedOn."));
                }

                if (item.CompletedOn is null)
                {
                    errors.Add(new(id, "completedOn", $"{id} is Completed and needs completedOn."));
                }

                if (item.CommencedOn is { } start && item.CompletedOn is { } end && end < start)
                {
                    errors.Add(new(id, "completedOn", $"{id}: completedOn {end:yyyy-MM-dd} is before commencedOn {start:yyyy-MM-dd}."));
                }

                break;
            default:
                errors.Add(new(id, "status", $"{id} has an unknown status {item.Status}."));
                break;
        }
    }

    private static HashSet<string> CheckIds(IEnumerable<string> ids, string what, Regex? format, List<ValidationError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add(new(id ?? string.Empty, "id", $"A {what} has no id."));
                continue;
            }

            if (format is not null && !format.IsMatch(id))
            {
                errors.Add(new(id, "id", $"{id} is not a valid {what} id ({FormatHint(what)})."));
            }

            if (!seen.Add(id) && reported.Add(id))
            {
                errors.Add(new(id, "id", $"Duplicate {what} id {id}."));
            }
        }

        return seen;
    }

    private static string FormatHint(string what) => what switch
    {
        "programme" => "expected P01…P99",
        "task" => "expected T001…T999",
        "agency" => "a letter, then up to 31 letters, digits, '-' or '_', e.g. BMCB",
        _ => "expected Pnn-Mnnn, e.g. P03-M017",
    };

    private static void RequireText(string id, string field, string? value, string what, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(id, field, $"{Label(id)} has no {what} ({field})."));
        }
    }

    private static void RequireReference(string id, string field, string? reference, HashSet<string> known, string what, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            errors.Add(new(id, field, $"{Label(id)} has no {what} ({field})."));
        }
        else if (!known.Contains(reference))
        {
            errors.Add(new(id, field, $"{Label(id)} refers to unknown {what} {reference} ({field})."));
        }
    }

    private static string Label(string id) => string.IsNullOrWhiteSpace(id) ? "An entry without id" : id;
}
