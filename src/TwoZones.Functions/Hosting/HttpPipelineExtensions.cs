using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;
using TwoZones.Functions.Http;
using TwoZones.Functions.Identity;

namespace TwoZones.Functions.Hosting;

/// <summary>The worker middleware of HTTP functions, outermost first.</summary>
internal static class HttpPipelineExtensions
{
    /// <summary>
    /// Every answer gets the security headers; failures become problem responses (so the identity check's own storage-free answers and every function's errors look alike),
    /// then the caller is identified and checked against the function's least role.
    /// </summary>
    public static IFunctionsWorkerApplicationBuilder UseTwoZonesHttpPipeline(this IFunctionsWorkerApplicationBuilder builder)
    {
        builder.UseWhen<SecurityHeadersMiddleware>(HttpTriggers.IsHttpTriggered);
        builder.UseWhen<ProblemExceptionMiddleware>(HttpTriggers.IsHttpTriggered);
        builder.UseWhen<ApiKeyAuthenticationMiddleware>(HttpTriggers.IsHttpTriggered);
        return builder;
    }
}
