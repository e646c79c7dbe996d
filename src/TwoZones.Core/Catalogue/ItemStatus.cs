namespace TwoZones.Core.Catalogue;

/// <summary>The lifecycle stage of a task or measure.</summary>
public enum ItemStatus
{
    /// <summary>Approved, work not yet started.</summary>
    Proposed,

    /// <summary>Work has started.</summary>
    Commenced,

    /// <summary>Work is done.</summary>
    Completed,
}
