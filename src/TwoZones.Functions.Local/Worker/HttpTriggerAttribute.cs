using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Triggers a function on an HTTP request to its route.</summary>
public sealed class HttpTriggerAttribute : TriggerBindingAttribute
{
    /// <summary>Any method, <see cref="AuthorizationLevel.Function"/>.</summary>
    public HttpTriggerAttribute() => AuthLevel = AuthorizationLevel.Function;

    /// <summary>The given methods (all when none).</summary>
    /// <param name="methods">HTTP methods, such as <c>"get"</c>, <c>"post"</c>.</param>
    public HttpTriggerAttribute(params string[] methods) => Methods = methods;

    /// <summary>Any method, with the given authorization level.</summary>
    /// <param name="authLevel">The authorization level.</param>
    public HttpTriggerAttribute(AuthorizationLevel authLevel) => AuthLevel = authLevel;

    /// <summary>The given methods with the given authorization level.</summary>
    /// <param name="authLevel">The authorization level.</param>
    /// <param name="methods">HTTP methods, such as <c>"get"</c>, <c>"post"</c>.</param>
    public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods)
    {
        AuthLevel = authLevel;
        Methods = methods;
    }

    /// <summary>The route template (ASP.NET Core syntax) after the route prefix; the function name when null.</summary>
    public string? Route { get; set; }

    /// <summary>The allowed HTTP methods; all when null or empty.</summary>
    public string[]? Methods { get; private set; }

    /// <summary>The authorization level.</summary>
    public AuthorizationLevel AuthLevel { get; private set; }
}
