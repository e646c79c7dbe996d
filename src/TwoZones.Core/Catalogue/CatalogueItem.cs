using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Catalogue;

/// <summary>A task or a measure as the catalogue describes it: what it is, who leads it, when it is due, and where it stands.</summary>
public sealed record CatalogueItem
{
    /// <summary><c>T042</c> for a task, <c>P03-M017</c> for a measure.</summary>
    public required string Id { get; init; }

    /// <summary>Task or measure.</summary>
    public required ItemKind Kind { get; init; }

    /// <summary>Id of the programme the item belongs to.</summary>
    public required string Programme { get; init; }

    /// <summary>English title.</summary>
    public required string TitleEn { get; init; }

    /// <summary>Chinese title.</summary>
    public required string TitleZh { get; init; }

    /// <summary>Id of the agency that leads the item; its officials may change its status.</summary>
    public required string LeadAgency { get; init; }

    /// <summary>Ids of agencies that share the work.</summary>
    public IReadOnlyList<string> CoAgencies { get; init; } = [];

    /// <summary>District code, when the item is local to one.</summary>
    public string? District { get; init; }

    /// <summary>Ids of tasks a measure implements; always empty for a task.</summary>
    public IReadOnlyList<string> Tasks { get; init; } = [];

    /// <summary>When work is planned to start.</summary>
    public DateOnly? PlannedCommencement { get; init; }

    /// <summary>When work is planned to be done.</summary>
    public DateOnly? PlannedCompletion { get; init; }

    /// <summary>Current lifecycle stage (Proposed when a catalogue omits it).</summary>
    public ItemStatus Status { get; init; } = ItemStatus.Proposed;

    /// <summary>Effective date of commencement, once commenced.</summary>
    public DateOnly? CommencedOn { get; init; }

    /// <summary>Effective date of completion, once completed.</summary>
    public DateOnly? CompletedOn { get; init; }
}
