using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>
/// Serves <c>[HttpTrigger]</c> functions on Kestrel: one endpoint per function at <c>{routePrefix}/{Route ?? name}</c>,
/// limited to its methods. Function keys are not checked locally (AuthLevel is recorded only): apps do their own auth.
/// </summary>
internal sealed class HttpTriggerProvider(FunctionCatalog catalog, FunctionInvoker invoker, LocalHostOptions options) : ITriggerProvider
{
    public bool Owns(Attribute triggerAttribute) => triggerAttribute is HttpTriggerAttribute;

    /// <summary>Checks every route template; the endpoints themselves are mapped when the web server builds its pipeline.</summary>
    public Task StartAsync(IReadOnlyList<FunctionDescriptor> functions, CancellationToken cancellationToken)
    {
        foreach (var function in functions)
        {
            var template = Template(function, options);
            try
            {
                RoutePatternFactory.Parse(template);
            }
            catch (RoutePatternException e)
            {
                throw new LocalStartupException($"Function '{function.Name}': route '{template}' is not a valid route template: {e.Message}", e);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Maps one endpoint per HTTP function.</summary>
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        foreach (var function in catalog.Functions)
        {
            if (function.TriggerAttribute is not HttpTriggerAttribute trigger)
            {
                continue;
            }

            var endpoint = endpoints.Map(RoutePatternFactory.Parse(Template(function, options)), context => HandleAsync(context, function))
                .WithDisplayName("Functions." + function.Name);
            if (trigger.Methods is { Length: > 0 } methods)
            {
                endpoint.WithMetadata(new HttpMethodMetadata([.. methods.Select(m => m.ToUpperInvariant())]));
            }
        }
    }

    /// <summary>The route template of an HTTP function, prefix included.</summary>
    public static string Template(FunctionDescriptor function, LocalHostOptions options)
    {
        var route = ((HttpTriggerAttribute)function.TriggerAttribute).Route?.Trim('/') ?? function.Name;
        var prefix = options.RoutePrefix.Trim('/');
        return prefix.Length == 0 ? route : route.Length == 0 ? prefix : prefix + "/" + route;
    }

    /// <summary>The line Core Tools prints for an HTTP function, or null for other triggers.</summary>
    public static string? Describe(FunctionDescriptor function, LocalHostOptions options)
    {
        if (function.TriggerAttribute is not HttpTriggerAttribute trigger)
        {
            return null;
        }

        var methods = trigger.Methods is { Length: > 0 } m ? string.Join(",", m.Select(x => x.ToUpperInvariant())) : "*";
        return $"[{methods}] http://127.0.0.1:{options.HttpPort}/{Template(function, options)}";
    }

    private async Task HandleAsync(HttpContext context, FunctionDescriptor function)
    {
        var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var query in context.Request.Query)
        {
            data[query.Key] = query.Value.ToString();
        }

        foreach (var value in context.Request.RouteValues)
        {
            data[value.Key] = value.Value;
        }

        object trigger = function.TriggerParameter.ParameterType == typeof(HttpContext) ? context : context.Request;
        var result = await invoker.InvokeAsync(new FunctionInvocationRequest(function, trigger, data)
        {
            Services = context.RequestServices,
            Items = new Dictionary<object, object> { [FunctionContextExtensions.HttpContextKey] = context },
            CancellationToken = context.RequestAborted,
        });
        await HttpResultWriter.WriteAsync(context, result);
    }
}
