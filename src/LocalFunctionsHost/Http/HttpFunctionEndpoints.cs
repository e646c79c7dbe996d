using System.Net;
using LocalFunctionsHost.Protos;
using LocalFunctionsHost.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace LocalFunctionsHost.Http;

/// <summary>
/// One endpoint per HTTP-triggered function, on its route template (ASP.NET Core syntax, under the route prefix) and methods.
/// With the ASP.NET Core integration (the worker reports <c>HttpUri</c>) a request becomes an InvocationRequest and, at the
/// same time, the same request forwarded to the worker's own HTTP server, which writes the real response; bodies stream both
/// ways. Without it (<paramref name="workerHttpUri"/> null: the classic model) the request travels inside the invocation and
/// the response comes back in its HTTP output (<see cref="ClassicHttpMessages"/>).
/// </summary>
internal sealed class HttpFunctionEndpoints(FunctionInvoker invoker, Uri? workerHttpUri, bool nullableHttpValues, string routePrefix)
{
    private static readonly InvocationIdTransformer Transformer = new();

    // One pooled connection set to the worker for all requests; the worker is on loopback, so no proxy, cookies or decompression.
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    });

    public string Template(FunctionDescriptor function)
    {
        var route = function.Trigger?.Get("route") is { Length: > 0 } r ? r.Trim('/') : function.Name;
        return routePrefix.Length == 0 ? route : routePrefix + "/" + route;
    }

    /// <summary>The methods in upper case; empty means any.</summary>
    public static IReadOnlyList<string> Methods(FunctionDescriptor function) =>
        [.. (function.Trigger?.GetList("methods") ?? []).Select(m => m.ToUpperInvariant())];

    public void Map(IEndpointRouteBuilder endpoints, FunctionDescriptor function)
    {
        var methods = Methods(function);
        var forwarder = endpoints.ServiceProvider.GetRequiredService<IHttpForwarder>();
        RequestDelegate handler = workerHttpUri is null ? context => HandleClassicAsync(context, function) : context => HandleAsync(context, function, forwarder, workerHttpUri);
        var builder = methods.Count == 0 ? endpoints.Map(Template(function), handler) : endpoints.MapMethods(Template(function), methods, handler);
        builder.WithMetadata(new ProblemResponses.FunctionEndpoint()).WithDisplayName("Functions." + function.Name);
    }

    private const string Reason = "This function was programmatically called via the host APIs.";

    /// <summary>Route values bind to function parameters only through trigger metadata, in both models.</summary>
    private static Dictionary<string, TypedData> RouteMetadata(HttpContext context)
    {
        var metadata = new Dictionary<string, TypedData>(StringComparer.Ordinal);
        foreach (var (key, value) in context.Request.RouteValues)
        {
            if (value is not null)
            {
                metadata[key] = new TypedData { String = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" };
            }
        }

        return metadata;
    }

    private async Task HandleClassicAsync(HttpContext context, FunctionDescriptor function)
    {
        var aborted = context.RequestAborted;
        TypedData request;
        try
        {
            request = await ClassicHttpMessages.ToRpcAsync(context.Request, nullableHttpValues, aborted);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's verdict on the body: over MaxRequestBodySize (413), too slow (408), or cut off or malformed (400).
            var (status, detail) = e.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => (e.StatusCode, "The request body is larger than the host accepts."),
                StatusCodes.Status408RequestTimeout => (e.StatusCode, "The request body did not arrive in time."),
                _ => (StatusCodes.Status400BadRequest, "The request body ended before it was complete."),
            };
            if (!aborted.IsCancellationRequested)
            {
                await ProblemResponses.WriteAsync(context, status, detail);
            }

            return;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            // The client went away while sending; there is no one to answer and nothing was invoked.
            return;
        }

        InvocationResponse response;
        try
        {
            response = await invoker.InvokeAsync(function, Guid.NewGuid().ToString(), request, RouteMetadata(context), Reason, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return;
        }
        catch (TimeoutException timeout)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, timeout.Message);
            return;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status502BadGateway, $"The worker did not answer for 'Functions.{function.Name}' ({e.GetType().Name}).");
            return;
        }

        if (response.Result?.Status != StatusResult.Types.Status.Success)
        {
            // No stack trace or message: they stay in the host's log, as in Azure.
            await ProblemResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, $"Function 'Functions.{function.Name}' failed; see the host's log.");
            return;
        }

        try
        {
            await ClassicHttpMessages.WriteAsync(context.Response, HttpOutput(function, response), aborted);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException && !context.Response.HasStarted)
        {
            // A status or header Kestrel cannot send; the function ran, but its answer is unusable.
            context.Response.Clear();
            await ProblemResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, $"Function 'Functions.{function.Name}' returned a response that cannot be sent: {e.Message}");
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            // The client left while the body was being written.
        }
    }

    /// <summary>
    /// The value of the function's <c>http</c> output binding: the return value for <c>$return</c>, otherwise the output of that
    /// name (a property marked <c>[HttpResult]</c> on a multi-output type).
    /// </summary>
    private static TypedData? HttpOutput(FunctionDescriptor function, InvocationResponse response)
    {
        var name = function.Bindings.FirstOrDefault(b => string.Equals(b.Type, "http", StringComparison.OrdinalIgnoreCase)
            && string.Equals(b.Direction, "out", StringComparison.OrdinalIgnoreCase))?.Name ?? "$return";
        if (name == "$return")
        {
            return response.ReturnValue ?? response.OutputData.FirstOrDefault(o => o.Name == name)?.Data;
        }

        return response.OutputData.FirstOrDefault(o => o.Name == name)?.Data;
    }

    private async Task HandleAsync(HttpContext context, FunctionDescriptor function, IHttpForwarder forwarder, Uri workerHttpUri)
    {
        var invocationId = Guid.NewGuid().ToString();
        context.Items[InvocationIdTransformer.ItemKey] = invocationId;
        var metadata = RouteMetadata(context);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var invocation = invoker.InvokeAsync(function, invocationId, new TypedData { Http = new RpcHttp() }, metadata, Reason, stop.Token);
        context.Items[InvocationIdTransformer.InvocationKey] = invocation;
        var forwarding = forwarder.SendAsync(context, workerHttpUri.ToString(), _client, ForwarderRequestConfig.Empty, Transformer, stop.Token).AsTask();

        // Whichever ends first decides: a timed-out or broken invocation must not leave the client waiting on the worker.
        var first = await Task.WhenAny(invocation, forwarding);
        if (first == invocation && invocation.IsFaulted)
        {
            await stop.CancelAsync();
        }

        var error = await SafeAsync(forwarding);
        var failure = await SafeAsync(invocation);
        if (context.Items.ContainsKey(InvocationIdTransformer.FailedKey) && !context.Response.HasStarted)
        {
            // No stack trace or message: they stay in the host's log, as in Azure.
            await ProblemResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, $"Function 'Functions.{function.Name}' failed; see the host's log.");
            return;
        }

        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (failure is TimeoutException timeout)
        {
            context.Response.Clear();
            await ProblemResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, timeout.Message);
        }
        else if (error is ForwarderError.RequestBodyClient)
        {
            // The client's own body broke off or stalled: its fault, not the worker's.
            var stalled = context.GetForwarderErrorFeature()?.Exception is BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout };
            context.Response.Clear();
            await ProblemResponses.WriteAsync(
                context,
                stalled ? StatusCodes.Status408RequestTimeout : StatusCodes.Status400BadRequest,
                stalled ? "The request body did not arrive in time." : "The request body ended before it was complete.");
        }
        else if (error is not ForwarderError.None)
        {
            context.Response.Clear();
            await ProblemResponses.WriteAsync(context, StatusCodes.Status502BadGateway, $"The worker did not answer for 'Functions.{function.Name}' ({error}).");
        }
    }

    private static async Task<ForwarderError> SafeAsync(Task<ForwarderError> task)
    {
        try
        {
            return await task;
        }
        catch (OperationCanceledException)
        {
            return ForwarderError.RequestCanceled;
        }
    }

    private static async Task<Exception?> SafeAsync(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or IOException)
        {
            return e;
        }
    }
}
