using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace TwoZones.Functions.OpenApi;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI 3 description of every HTTP endpoint.</summary>
public static class OpenApiFunctions
{
    /// <summary>The OpenAPI document, built from the functions' own attributes.</summary>
    /// <param name="req">The request.</param>
    /// <returns>The document.</returns>
    [Function("GetOpenApiDocument")]
    [EndpointSummary("The OpenAPI 3 description of this API")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public static IActionResult Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "openapi.json")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return new ContentResult { Content = OpenApiDocumentBuilder.Json, ContentType = "application/json; charset=utf-8", StatusCode = StatusCodes.Status200OK };
    }
}
