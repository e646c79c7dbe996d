using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Identity;
using TwoZones.Functions.OpenApi;

namespace TwoZones.Functions.Http;

/// <summary>
/// What an HTTP function promises, said once: the OpenAPI document shows it and <see cref="FunctionAccess"/> enforces its least role.
/// A function states it either with an <see cref="EndpointContractAttribute"/> (endpoints shared by several routes) or with the
/// ASP.NET Core attributes (<see cref="EndpointSummaryAttribute"/>, <see cref="ProducesResponseTypeAttribute"/>, …) and
/// <see cref="RequiresRoleAttribute"/>.
/// </summary>
/// <param name="Summary">One line for the OpenAPI operation.</param>
/// <param name="MinimumRole">The least role of an identified caller.</param>
/// <param name="Responses">The statuses the function itself answers with (the pipeline's 401, 403, 500 and 503 are added by the document).</param>
internal sealed record EndpointContract(string Summary, Role MinimumRole, IReadOnlyList<EndpointResponse> Responses)
{
    /// <summary>A longer explanation, when one line is not enough.</summary>
    public string? Description { get; init; }

    /// <summary>The query parameters the function reads.</summary>
    public IReadOnlyList<QueryParameterAttribute> Query { get; init; } = [];

    /// <summary>The media types of its success bodies.</summary>
    public IReadOnlyList<string> ContentTypes { get; init; } = ["application/json"];

    /// <summary>The contract of a <c>[Function]</c> method.</summary>
    public static EndpointContract Of(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.GetCustomAttribute<EndpointContractAttribute>(inherit: true) is { } declared)
        {
            return declared.Contract;
        }

        return new EndpointContract(
            method.GetCustomAttribute<EndpointSummaryAttribute>()?.Summary ?? method.Name,
            method.GetCustomAttribute<RequiresRoleAttribute>()?.Minimum ?? Role.Viewer,
            [.. method.GetCustomAttributes<ProducesResponseTypeAttribute>()
                .Select(r => new EndpointResponse(r.StatusCode, r.Type is null || r.Type == typeof(void) ? null : r.Type))
                .DistinctBy(r => r.Status)
                .OrderBy(r => r.Status)])
        {
            Description = method.GetCustomAttribute<EndpointDescriptionAttribute>()?.Description,
            Query = [.. method.GetCustomAttributes<QueryParameterAttribute>()],
            ContentTypes = method.GetCustomAttribute<ProducesAttribute>() is { ContentTypes.Count: > 0 } produces ? [.. produces.ContentTypes] : ["application/json"],
        };
    }
}
