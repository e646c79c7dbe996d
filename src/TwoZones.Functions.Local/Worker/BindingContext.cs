namespace Microsoft.Azure.Functions.Worker;

/// <summary>The binding data of an invocation.</summary>
public abstract class BindingContext
{
    /// <summary>Named values supplied by the trigger (for example route values and query parameters).</summary>
    public abstract IReadOnlyDictionary<string, object?> BindingData { get; }
}
