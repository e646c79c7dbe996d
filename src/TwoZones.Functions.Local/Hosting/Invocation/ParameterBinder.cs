using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>
/// Decides, per function, where each parameter's value comes from, and binds them for an invocation:
/// the trigger, <see cref="FunctionContext"/>, <see cref="CancellationToken"/>, input binding providers, and for HTTP
/// the request, <c>[FromBody]</c> JSON and route or query values by name.
/// </summary>
internal sealed class ParameterBinder(IEnumerable<IInputBindingProvider> providers)
{
    private static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web);

    private readonly IInputBindingProvider[] _providers = [.. providers];
    private readonly ConcurrentDictionary<MethodInfo, Source[]> _plans = new();

    private enum Kind
    {
        Trigger,
        Context,
        Cancellation,
        HttpRequest,
        HttpContext,
        Body,
        Provider,
        ByName,
    }

    /// <summary>Why the parameters of <paramref name="function"/> cannot all be bound; empty when they can.</summary>
    public IReadOnlyList<string> Problems(FunctionDescriptor function)
    {
        var problems = new List<string>();
        foreach (var parameter in function.Method.GetParameters())
        {
            if (Plan(function, parameter, out _) is { } problem)
            {
                problems.Add($"Function '{function.Name}' ({function.Method.DeclaringType?.FullName}.{function.Method.Name}): parameter '{parameter.Name}' {problem}");
            }
        }

        foreach (var attribute in function.Method.GetCustomAttributes().Where(a => a is BindingAttribute))
        {
            problems.Add($"Function '{function.Name}' ({function.Method.DeclaringType?.FullName}.{function.Method.Name}): attribute [{Short(attribute.GetType())}] is not supported by the local runtime.");
        }

        return problems;
    }

    /// <summary>The arguments for the invocation; completes synchronously unless a request body is read.</summary>
    public ValueTask<object?[]> BindAsync(LocalFunctionContext context)
    {
        var function = context.Function;
        var plan = _plans.GetOrAdd(function.Method, _ => [.. function.Method.GetParameters().Select(p => Plan(function, p, out var source) is null ? source : new Source(p, Kind.ByName, null))]);
        var args = new object?[plan.Length];
        Source? body = null;
        for (var i = 0; i < plan.Length; i++)
        {
            var source = plan[i];
            switch (source.Kind)
            {
                case Kind.Body:
                    body = source;
                    break;
                default:
                    args[i] = Value(source, context);
                    break;
            }
        }

        return body is null ? ValueTask.FromResult(args) : BindBodyAsync(args, body, context);
    }

    private static async ValueTask<object?[]> BindBodyAsync(object?[] args, Source body, LocalFunctionContext context)
    {
        var request = context.GetHttpContext()?.Request
            ?? throw new FunctionBindingException($"[FromBody] parameter '{body.Parameter.Name}' needs an HTTP request.");
        request.EnableBuffering();
        try
        {
            args[body.Parameter.Position] = await JsonSerializer.DeserializeAsync(request.Body, body.Parameter.ParameterType, BodyJson, context.CancellationToken);
        }
        catch (JsonException e)
        {
            throw new FunctionBindingException($"The request body is not valid JSON for {body.Parameter.ParameterType.Name}: {e.Message}", e);
        }
        finally
        {
            request.Body.Position = 0;
        }

        return args;
    }

    private static object? Value(Source source, LocalFunctionContext context)
    {
        var parameter = source.Parameter;
        switch (source.Kind)
        {
            case Kind.Trigger:
                return context.TriggerValue;
            case Kind.Context:
                return context;
            case Kind.Cancellation:
                return context.CancellationToken;
            case Kind.HttpRequest:
                return context.GetHttpContext()?.Request;
            case Kind.HttpContext:
                return context.GetHttpContext();
            case Kind.Provider:
                return source.Provider!.Bind(parameter, context);
            default:
                var name = parameter.Name ?? string.Empty;
                var found = context.BindingData.TryGetValue(name, out var raw)
                    || TryGetIgnoringCase(context.BindingData, name, out raw);
                if (!found || raw is null)
                {
                    return parameter.HasDefaultValue ? parameter.DefaultValue : Default(parameter.ParameterType);
                }

                return Convert(name, raw, parameter.ParameterType);
        }
    }

    private static bool TryGetIgnoringCase(IReadOnlyDictionary<string, object?> data, string name, out object? value)
    {
        foreach (var pair in data)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    private static object? Convert(string name, object raw, Type target)
    {
        if (target.IsInstanceOfType(raw))
        {
            return raw;
        }

        var text = raw is JsonElement json ? (json.ValueKind == JsonValueKind.String ? json.GetString() : json.GetRawText()) : System.Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            return TypeDescriptor.GetConverter(target).ConvertFromInvariantString(text ?? string.Empty);
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or OverflowException || e.InnerException is FormatException or OverflowException)
        {
            throw new FunctionBindingException($"The value '{text}' of '{name}' is not a valid {Short(Nullable.GetUnderlyingType(target) ?? target)}.", e);
        }
    }

    private static object? Default(Type type) => type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;

    private string? Plan(FunctionDescriptor function, ParameterInfo parameter, out Source source)
    {
        var type = parameter.ParameterType;
        var isHttp = function.TriggerAttribute is HttpTriggerAttribute;
        source = new Source(parameter, Kind.ByName, null);
        if (parameter.Position == function.TriggerParameter.Position)
        {
            source = source with { Kind = Kind.Trigger };
            return isHttp && type != typeof(HttpRequest) && type != typeof(HttpContext)
                ? $"has [HttpTrigger] on type {Short(type)}; the local runtime binds HTTP triggers to {nameof(HttpRequest)} (ASP.NET Core integration)."
                : null;
        }

        if (_providers.FirstOrDefault(p => p.CanBind(parameter)) is { } provider)
        {
            source = source with { Kind = Kind.Provider, Provider = provider };
            return null;
        }

        if (parameter.GetCustomAttributes().FirstOrDefault(a => a is BindingAttribute) is { } binding)
        {
            return $"has attribute [{Short(binding.GetType())}], which the local runtime does not support.";
        }

        if (parameter.GetCustomAttribute<FromBodyAttribute>() is not null)
        {
            source = source with { Kind = Kind.Body };
            return isHttp ? null : "has [FromBody], which only HTTP-triggered functions support.";
        }

        if (type == typeof(FunctionContext))
        {
            source = source with { Kind = Kind.Context };
            return null;
        }

        if (type == typeof(CancellationToken))
        {
            source = source with { Kind = Kind.Cancellation };
            return null;
        }

        if (isHttp && type == typeof(HttpRequest))
        {
            source = source with { Kind = Kind.HttpRequest };
            return null;
        }

        if (isHttp && type == typeof(HttpContext))
        {
            source = source with { Kind = Kind.HttpContext };
            return null;
        }

        if (typeof(ILogger).IsAssignableFrom(type))
        {
            return $"is an {Short(type)}; the isolated worker model does not bind loggers as parameters (use FunctionContext.GetLogger or inject ILogger<T> in the constructor).";
        }

        if (IsSimple(type) || parameter.HasDefaultValue)
        {
            return null;
        }

        return $"of type {Short(type)} has no binding the local runtime supports (trigger, FunctionContext, CancellationToken, HttpRequest, [FromBody], route/query values, or an installed extension's binding).";
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid)
            || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(TimeSpan) || t == typeof(DateOnly) || t == typeof(TimeOnly);
    }

    private static string Short(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Short))}>"
        : type.Name.EndsWith("Attribute", StringComparison.Ordinal) ? type.Name[..^"Attribute".Length] : type.Name;

    private sealed record Source(ParameterInfo Parameter, Kind Kind, IInputBindingProvider? Provider);
}
