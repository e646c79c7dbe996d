namespace TwoZones.Core.Lifecycle;

/// <summary>What a caller may do.</summary>
public enum Role
{
    /// <summary>May read everything, change nothing.</summary>
    Viewer,

    /// <summary>May move items that their own agency leads, forwards only.</summary>
    Official,

    /// <summary>May move any item, and reopen completed ones with a reason.</summary>
    Coordinator,
}
