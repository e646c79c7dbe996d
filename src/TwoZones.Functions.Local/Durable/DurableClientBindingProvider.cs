using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Functions.Local.Hosting;

namespace TwoZones.Functions.Local.Durable;

/// <summary>Binds <c>[DurableClient] DurableTaskClient</c> parameters to the task hub's client.</summary>
internal sealed class DurableClientBindingProvider(LocalDurableTaskClient client) : IInputBindingProvider
{
    public bool CanBind(ParameterInfo parameter)
        => parameter.GetCustomAttribute<DurableClientAttribute>() is not null && parameter.ParameterType.IsAssignableFrom(typeof(LocalDurableTaskClient));

    public object? Bind(ParameterInfo parameter, FunctionContext context) => client;
}
