using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Identity;

namespace TwoZones.Functions.OpenApi;

/// <summary>An HTTP function as its attributes describe it: the source of the OpenAPI document, so the document cannot drift from the code.</summary>
internal sealed record HttpFunctionDescription(
    string Name,
    string Route,
    IReadOnlyList<string> Methods,
    bool IsAnonymous,
    Role MinimumRole,
    string? Summary,
    string? Description,
    IReadOnlyList<string> Tags,
    IReadOnlyList<int> Responses,
    IReadOnlyList<string> ContentTypes,
    IReadOnlyList<QueryParameterAttribute> Query)
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
                    method.GetCustomAttribute<RequiresRoleAttribute>()?.Minimum ?? Role.Viewer,
                    method.GetCustomAttribute<EndpointSummaryAttribute>()?.Summary,
                    method.GetCustomAttribute<EndpointDescriptionAttribute>()?.Description,
                    [.. method.GetCustomAttributes<TagsAttribute>().SelectMany(t => t.Tags)],
                    [.. method.GetCustomAttributes<ProducesResponseTypeAttribute>().Select(r => r.StatusCode).Distinct().Order()],
                    method.GetCustomAttribute<ProducesAttribute>() is { ContentTypes.Count: > 0 } produces ? [.. produces.ContentTypes] : ["application/json"],
                    [.. method.GetCustomAttributes<QueryParameterAttribute>()]));
            }
        }

        return [.. result.OrderBy(f => f.Route, StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal)];
    }
}
