using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>Binds a non-trigger parameter, such as <c>[DurableClient] DurableTaskClient</c>.</summary>
internal interface IInputBindingProvider
{
    /// <summary>Whether this provider binds <paramref name="parameter"/>.</summary>
    bool CanBind(ParameterInfo parameter);

    /// <summary>The value for <paramref name="parameter"/> in the invocation described by <paramref name="context"/>.</summary>
    object? Bind(ParameterInfo parameter, FunctionContext context);
}
