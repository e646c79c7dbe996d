using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace TwoZones.Functions.Http;

/// <summary>Builds the API's RFC 9457 problem responses (<c>application/problem+json</c>), never with exception details.</summary>
internal static class ApiProblem
{
    /// <summary>The media type of every error body.</summary>
    public const string ContentType = "application/problem+json; charset=utf-8";

    /// <summary>Seconds a client should wait before retrying when storage is unreachable.</summary>
    public const int RetryAfterSeconds = 5;

    private const string TypeBase = "https://twozones.example/problems/";

    /// <summary>A problem response.</summary>
    /// <param name="status">HTTP status.</param>
    /// <param name="slug">Last segment of the problem type URI, e.g. <c>not-found</c>.</param>
    /// <param name="title">Short, fixed summary of the problem type.</param>
    /// <param name="detail">What went wrong in this occurrence.</param>
    /// <param name="extensions">Extra members, e.g. the current item.</param>
    public static JsonResponse Create(int status, string slug, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Type = TypeBase + slug, Title = title, Status = status, Detail = detail };
        Extend(problem, extensions);
        return new JsonResponse(problem, status) { ContentType = ContentType };
    }

    /// <summary>A validation problem whose <c>errors</c> map a field (or JSON path) to its messages.</summary>
    /// <param name="status">400 for malformed input, 422 for well-formed but unacceptable input.</param>
    /// <param name="slug">Last segment of the problem type URI.</param>
    /// <param name="title">Short, fixed summary.</param>
    /// <param name="detail">What went wrong in this occurrence.</param>
    /// <param name="errors">Messages by field.</param>
    /// <param name="extensions">Extra members.</param>
    public static JsonResponse Validation(
        int status, string slug, string title, string detail, IDictionary<string, string[]> errors, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ValidationProblemDetails(errors) { Type = TypeBase + slug, Title = title, Status = status, Detail = detail };
        Extend(problem, extensions);
        return new JsonResponse(problem, status) { ContentType = ContentType };
    }

    /// <summary>400: the request is malformed.</summary>
    public static JsonResponse BadRequest(string detail, IDictionary<string, string[]>? errors = null) =>
        errors is null
            ? Create(StatusCodes.Status400BadRequest, "bad-request", "The request is malformed.", detail)
            : Validation(StatusCodes.Status400BadRequest, "bad-request", "The request is malformed.", detail, errors);

    /// <summary>401: no or unknown credentials.</summary>
    public static JsonResponse Unauthorized(string detail) =>
        Create(StatusCodes.Status401Unauthorized, "unauthorized", "Authentication is required.", detail);

    /// <summary>403: the caller is known but may not do this.</summary>
    public static JsonResponse Forbidden(string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        Create(StatusCodes.Status403Forbidden, "forbidden", "The caller may not do this.", detail, extensions);

    /// <summary>404: nothing there.</summary>
    public static JsonResponse NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, "not-found", "The resource does not exist.", detail);

    /// <summary>413: the body is over the limit.</summary>
    public static JsonResponse TooLarge(long limit) =>
        Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large.", $"The request body must not exceed {limit} bytes.");

    /// <summary>500: anything unexpected; the detail never carries exception text.</summary>
    public static JsonResponse Unexpected() =>
        Create(StatusCodes.Status500InternalServerError, "internal-error", "An unexpected error occurred.", "The request could not be completed. The error has been logged.");

    /// <summary>503 with <c>Retry-After</c>: storage cannot be reached.</summary>
    public static JsonResponse StorageUnavailable(IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var response = Create(
            StatusCodes.Status503ServiceUnavailable, "storage-unavailable", "Storage is unavailable.", "Storage cannot be reached right now. Retry shortly.", extensions);
        response.Headers["Retry-After"] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return response;
    }

    private static void Extend(ProblemDetails problem, IReadOnlyDictionary<string, object?>? extensions)
    {
        if (extensions is null)
        {
            return;
        }

        foreach (var (name, value) in extensions)
        {
            problem.Extensions[name] = value;
        }
    }
}
