namespace Microsoft.Azure.Functions.Worker;

/// <summary>The direction of a binding.</summary>
public enum BindingDirection
{
    /// <summary>Data flows into the function.</summary>
    In,

    /// <summary>Data flows out of the function.</summary>
    Out,
}
