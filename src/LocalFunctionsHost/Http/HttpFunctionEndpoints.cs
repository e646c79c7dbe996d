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
/// A request becomes an InvocationRequest and, at the same time, the same request forwarded to the worker's own HTTP server
/// (its <c>HttpUri</c> capability), which writes the real response; bodies stream both ways.
/// </summary>
internal sealed class HttpFunctionEndpoints(FunctionInvoker invoker, Uri workerHttpUri, string routePrefix)
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
        RequestDelegate handler = context => HandleAsync(context, function, forwarder);
        var builder = methods.Count == 0 ? endpoints.Map(Template(function), handler) : endpoints.MapMethods(Template(function), methods, handler);
        builder.WithMetadata(new ProblemResponses.FunctionEndpoint()).WithDisplayName("Functions." + function.Name);
    }

    private async Task HandleAsync(HttpContext context, FunctionDescriptor function, IHttpForwarder forwarder)
    {
        var invocationId = Guid.NewGuid().ToString();
        context.Items[InvocationIdTransformer.ItemKey] = invocationId;

        // Route values reach the worker only through trigger metadata.
        var metadata = new Dictionary<string, TypedData>(StringComparer.Ordinal);
        foreach (var (key, value) in context.Request.RouteValues)
        {
            if (value is not null)
            {
                metadata[key] = new TypedData { String = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" };
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var invocation = invoker.InvokeAsync(function, invocationId, new TypedData { Http = new RpcHttp() }, metadata, "This function was programmatically called via the host APIs.", stop.Token);
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
