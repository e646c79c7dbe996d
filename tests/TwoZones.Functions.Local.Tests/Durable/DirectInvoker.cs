using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Functions.Local.Hosting;

namespace TwoZones.Functions.Local.Tests.Durable;

/// <summary>
/// Invokes static test functions directly (trigger value and cancellation token bound), keeping the caller's
/// synchronization context as the host's invoker does; lets engine tests run without the host.
/// </summary>
internal sealed class DirectInvoker : IFunctionInvoker
{
    public async Task<object?> InvokeAsync(FunctionDescriptor function, object? triggerValue, IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken)
    {
        var args = function.Method.GetParameters()
            .Select(p => p == function.TriggerParameter ? triggerValue : p.ParameterType == typeof(CancellationToken) ? cancellationToken : null)
            .ToArray();
        var returned = function.Method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, args, null);
        if (returned is not Task task)
        {
            return returned;
        }

        await task;
        var declared = function.Method.ReturnType;
        return declared.IsGenericType && declared.GetGenericTypeDefinition() == typeof(Task<>) ? declared.GetProperty("Result")!.GetValue(task) : null;
    }

    public static IReadOnlyList<FunctionDescriptor> Discover(Type type) =>
    [
        .. from method in type.GetMethods(BindingFlags.Public | BindingFlags.Static)
           let function = method.GetCustomAttribute<FunctionAttribute>()
           where function is not null
           from parameter in method.GetParameters()
           let trigger = parameter.GetCustomAttributes().FirstOrDefault(a => a is OrchestrationTriggerAttribute or ActivityTriggerAttribute)
           where trigger is not null
           select new FunctionDescriptor(function.Name, method, parameter, trigger),
    ];
}
