using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Http;

namespace TwoZones.Functions.Identity;

/// <summary>
/// Who may call a function, read once from its method: anonymous when its <see cref="HttpTriggerAttribute"/> says
/// <see cref="AuthorizationLevel.Anonymous"/>, otherwise an identified caller with at least its contract's <see cref="EndpointContract.MinimumRole"/>.
/// </summary>
/// <param name="IsAnonymous">Whether no identity is needed.</param>
/// <param name="MinimumRole">The least role otherwise.</param>
internal sealed record FunctionAccess(bool IsAnonymous, Role MinimumRole)
{
    private static readonly ConcurrentDictionary<string, FunctionAccess> Cache = new(StringComparer.Ordinal);

    /// <summary>The access rule of the function being invoked (the strictest rule when its method cannot be found).</summary>
    public static FunctionAccess Of(FunctionDefinition function) => Cache.GetOrAdd(function.EntryPoint, Resolve);

    private static FunctionAccess Resolve(string entryPoint)
    {
        var method = FindMethod(entryPoint);
        if (method is null)
        {
            return new FunctionAccess(false, Role.Coordinator);
        }

        var trigger = method.GetParameters()
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
            .FirstOrDefault(a => a is not null);
        return new FunctionAccess(trigger?.AuthLevel == AuthorizationLevel.Anonymous, EndpointContract.Of(method).MinimumRole);
    }

    private static MethodInfo? FindMethod(string entryPoint)
    {
        var dot = entryPoint.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        var type = typeof(FunctionAccess).Assembly.GetType(entryPoint[..dot]);
        return type?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == entryPoint[(dot + 1)..] && m.GetCustomAttribute<FunctionAttribute>() is not null);
    }
}
