using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Functions.Http;

namespace TwoZones.Functions.OpenApi;

/// <summary>An HTTP function as its trigger and contract describe it: the source of the OpenAPI document, so the document cannot drift from the code.</summary>
internal sealed record HttpFunctionDescription(string Name, string Route, IReadOnlyList<string> Methods, bool IsAnonymous, EndpointContract Contract)
{
    /// <summary>Every HTTP function of the app, ordered by route.</summary>
    public static IReadOnlyList<HttpFunctionDescription> All { get; } = Discover();

    private static List<HttpFunctionDescription> Discover()
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var result = new List<HttpFunctionDescription>();
        foreach (var type in typeof(HttpFunctionDescription).Assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(Flags))
            {
                var function = method.GetCustomAttribute<FunctionAttribute>();
                var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null);
                if (function is null || trigger is null)
                {
                    continue;
                }

                result.Add(new HttpFunctionDescription(
                    function.Name,
                    trigger.Route ?? function.Name,
                    trigger.Methods is { Length: > 0 } methods ? [.. methods.Select(m => m.ToUpperInvariant())] : ["GET", "POST"],
                    trigger.AuthLevel == AuthorizationLevel.Anonymous,
                    EndpointContract.Of(method)));
            }
        }

        return [.. result.OrderBy(f => f.Route, StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal)];
    }
}
