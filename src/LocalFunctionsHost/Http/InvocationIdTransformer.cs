using LocalFunctionsHost.Protos;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace LocalFunctionsHost.Http;

/// <summary>
/// Tags the forwarded request with the invocation it belongs to (the worker's ASP.NET Core integration pairs the HTTP request
/// with the InvocationRequest of the same id), and turns the empty 200 the worker answers when a function throws into a 500.
/// </summary>
internal sealed class InvocationIdTransformer : HttpTransformer
{
    public const string Header = "x-ms-invocation-id";
    public const string ItemKey = "LocalFunctionsHost.InvocationId";
    public const string InvocationKey = "LocalFunctionsHost.Invocation";
    public const string FailedKey = "LocalFunctionsHost.Failed";

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.Headers.Remove(Header);
        proxyRequest.Headers.TryAddWithoutValidation(Header, (string)httpContext.Items[ItemKey]!);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var copyBody = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);

        // A body-less answer is complete only once the function has finished, so waiting for the invocation's outcome here
        // cannot hold up a streaming response; only then can a failure still become a 500.
        if (proxyResponse?.Content.Headers.ContentLength == 0 && httpContext.Items[InvocationKey] is Task<InvocationResponse> invocation
            && await Task.WhenAny(invocation, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken)) == invocation
            && (!invocation.IsCompletedSuccessfully || invocation.Result.Result?.Status != StatusResult.Types.Status.Success))
        {
            httpContext.Response.Headers.Clear();
            httpContext.Items[FailedKey] = true;
            return false;
        }

        return copyBody;
    }
}
