namespace Microsoft.Azure.Functions.Worker;

/// <summary>Everything about one function invocation: its ids, definition, services, items and cancellation.</summary>
public abstract class FunctionContext
{
    /// <summary>The id of this invocation.</summary>
    public abstract string InvocationId { get; }

    /// <summary>The id of the function being invoked.</summary>
    public abstract string FunctionId { get; }

    /// <summary>The distributed trace context of the invocation.</summary>
    public abstract TraceContext TraceContext { get; }

    /// <summary>The binding data of the invocation (for example route values).</summary>
    public abstract BindingContext BindingContext { get; }

    /// <summary>Retry information for the invocation.</summary>
    public abstract RetryContext RetryContext { get; }

    /// <summary>The services of the invocation's scope.</summary>
    public abstract IServiceProvider InstanceServices { get; set; }

    /// <summary>The definition of the function being invoked.</summary>
    public abstract FunctionDefinition FunctionDefinition { get; }

    /// <summary>A bag shared by middleware and the function for the length of the invocation.</summary>
    public abstract IDictionary<object, object> Items { get; set; }

    /// <summary>The features of the invocation.</summary>
    public abstract IInvocationFeatures Features { get; }

    /// <summary>Cancelled when the host shuts down or the invocation times out.</summary>
    public virtual CancellationToken CancellationToken { get; } = CancellationToken.None;
}
