using System.Text.Json.Serialization;
using TwoZones.Core.Catalogue;
using TwoZones.Storage;

namespace TwoZones.Functions.Items;

/// <summary>
/// A task or measure as <c>GET /api/tasks/{id}</c> shows it; <c>overdue</c> is the stored flag, which the item's tracker sets when a
/// planned date passes (midnight in Asia/Shanghai) and each transition recomputes; <c>stale</c> is judged today (see <see cref="Core.Progress.StaleRule"/>).
/// </summary>
internal sealed record ItemResponse(
    string Id,
    ItemKind Kind,
    string Programme,
    string TitleEn,
    string TitleZh,
    string LeadAgency,
    ItemStatus Status,
    string Version,
    DateOnly? CommencedOn,
    DateOnly? CompletedOn,
    DateOnly? PlannedCommencement,
    DateOnly? PlannedCompletion,
    bool Overdue,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    IReadOnlyList<string> CoAgencies,
    string? District,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Tasks)
{
    /// <summary>Commenced without news for the stale period.</summary>
    public bool Stale { get; init; }

    /// <summary>The response for a stored item.</summary>
    public static ItemResponse From(ItemRecord record, bool stale) => From(record) with { Stale = stale };

    private static ItemResponse From(ItemRecord record)
    {
        var item = record.Item;
        return new ItemResponse(
            item.Id,
            item.Kind,
            item.Programme,
            item.TitleEn,
            item.TitleZh,
            item.LeadAgency,
            item.Status,
            record.Version,
            item.CommencedOn,
            item.CompletedOn,
            item.PlannedCommencement,
            item.PlannedCompletion,
            record.Overdue,
            record.UpdatedAt,
            record.UpdatedBy,
            item.CoAgencies,
            item.District,
            item.Kind == ItemKind.Measure ? item.Tasks : null);
    }
}
