namespace Microsoft.DurableTask.Client;

/// <summary>The state of an orchestration instance.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Started and not yet finished.</summary>
    Running,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Kept for compatibility; an instance that continued as new reports <see cref="Running"/>.</summary>
    [Obsolete("The ContinuedAsNew status is obsolete and exists only for compatibility reasons.")]
    ContinuedAsNew,

    /// <summary>Finished with an unhandled exception.</summary>
    Failed,

    /// <summary>Kept for compatibility; not used.</summary>
    [Obsolete("The Canceled status is not currently used and exists only for compatibility reasons.")]
    Canceled,

    /// <summary>Stopped by a terminate request.</summary>
    Terminated,

    /// <summary>Scheduled and not yet started.</summary>
    Pending,

    /// <summary>Paused by a suspend request until resumed.</summary>
    Suspended,
}
