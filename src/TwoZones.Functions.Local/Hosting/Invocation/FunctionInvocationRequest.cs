namespace TwoZones.Functions.Local.Hosting;

/// <summary>Everything a trigger supplies for one invocation.</summary>
/// <param name="Function">The function to run.</param>
/// <param name="TriggerValue">The value of the trigger parameter, already of its type.</param>
/// <param name="BindingData">Named values bound to parameters by name (route values, query values, ...).</param>
internal sealed record FunctionInvocationRequest(FunctionDescriptor Function, object? TriggerValue, IReadOnlyDictionary<string, object?> BindingData)
{
    /// <summary>The services of the invocation; null to create a scope for it.</summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>Items placed in <c>FunctionContext.Items</c> before the pipeline runs.</summary>
    public IReadOnlyDictionary<object, object>? Items { get; init; }

    /// <summary>The reason shown in the "Executing" log line.</summary>
    public string Reason { get; init; } = "This function was programmatically called via the host APIs.";

    /// <summary>Cancelled when the caller gives up or the host stops.</summary>
    public CancellationToken CancellationToken { get; init; }
}
