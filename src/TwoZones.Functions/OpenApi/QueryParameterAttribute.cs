namespace TwoZones.Functions.OpenApi;

/// <summary>Documents a query parameter an HTTP function reads, for <c>GET /api/openapi.json</c>.</summary>
/// <param name="name">The parameter name.</param>
/// <param name="description">What it does and which values it takes.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class QueryParameterAttribute(string name, string description) : Attribute
{
    /// <summary>The parameter name.</summary>
    public string Name { get; } = name;

    /// <summary>What it does and which values it takes.</summary>
    public string Description { get; } = description;

    /// <summary>Allowed values, when the parameter is an enumeration.</summary>
    public string[]? Values { get; init; }
}
