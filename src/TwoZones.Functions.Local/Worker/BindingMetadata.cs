namespace Microsoft.Azure.Functions.Worker;

/// <summary>Describes one binding of a function.</summary>
public abstract class BindingMetadata
{
    /// <summary>The binding name (the parameter name, or <c>$return</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The binding type, such as <c>httpTrigger</c> or <c>timerTrigger</c>.</summary>
    public abstract string Type { get; }

    /// <summary>Whether data flows into or out of the function.</summary>
    public abstract BindingDirection Direction { get; }
}
