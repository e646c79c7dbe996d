namespace TwoZones.Core.Lifecycle;

/// <summary>The verdict on a requested transition.</summary>
public enum TransitionOutcome
{
    /// <summary>The transition may be recorded.</summary>
    Allowed,

    /// <summary>The caller may not make this change (HTTP 403).</summary>
    Forbidden,

    /// <summary>The change itself is not allowed or its data is wrong (HTTP 422).</summary>
    Invalid,
}
