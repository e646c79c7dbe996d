namespace TwoZones.Storage.Evidence;

/// <summary>What became of an evidence upload.</summary>
public enum EvidenceOutcome
{
    /// <summary>Stored and recorded in the item's history.</summary>
    Attached,

    /// <summary>The item already has this file; nothing was written.</summary>
    AlreadyAttached,

    /// <summary>No such item.</summary>
    NotFound,

    /// <summary>The caller may not change this item.</summary>
    Forbidden,
}
