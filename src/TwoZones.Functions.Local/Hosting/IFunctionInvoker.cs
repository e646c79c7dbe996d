namespace TwoZones.Functions.Local.Hosting;

/// <summary>
/// Invokes a function as the Functions host does: a new <c>FunctionContext</c>, the worker middleware pipeline,
/// parameters bound (trigger value, <c>FunctionContext</c>, <c>CancellationToken</c>, input bindings from
/// <see cref="IInputBindingProvider"/>s), and the return value unwrapped from <c>Task</c>/<c>ValueTask</c>.
/// </summary>
internal interface IFunctionInvoker
{
    /// <summary>Runs <paramref name="function"/> once and returns what it returned (null for void/Task).</summary>
    /// <param name="function">The function to run.</param>
    /// <param name="triggerValue">The value bound to the trigger parameter, already of the parameter's type.</param>
    /// <param name="bindingData">Extra named values (for example route values) bound to parameters by name.</param>
    /// <param name="cancellationToken">Cancelled when the host stops or the function times out.</param>
    Task<object?> InvokeAsync(
        FunctionDescriptor function,
        object? triggerValue,
        IReadOnlyDictionary<string, object?> bindingData,
        CancellationToken cancellationToken);
}
