namespace TwoZones.Functions.Http;

/// <summary>
/// Ends a request early with a problem response from deep inside request handling (body reading, query parsing);
/// <see cref="ProblemExceptionMiddleware"/> writes it.
/// </summary>
internal sealed class ApiProblemException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="response">The problem to answer with.</param>
    public ApiProblemException(JsonResponse response)
        : base($"The request ends with HTTP {response.StatusCode}.") => Response = response;

    /// <summary>The problem to answer with.</summary>
    public JsonResponse Response { get; }
}
