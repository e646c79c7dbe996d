using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>
/// Runs functions as the Functions host does. Runs synchronously up to the function's first incomplete await and keeps the
/// caller's synchronization context throughout (no ConfigureAwait(false), no thread hops): the orchestration replayer
/// depends on it.
/// </summary>
internal sealed partial class FunctionInvoker : IFunctionInvoker
{
    private readonly IServiceProvider _services;
    private readonly ParameterBinder _binder;
    private readonly LocalHostOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;
    private readonly FunctionExecutionDelegate _pipeline;
    private readonly ConcurrentDictionary<string, ILogger> _functionLoggers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<MethodInfo, LocalFunctionDefinition> _definitions = new();
    private readonly ConcurrentDictionary<Type, ObjectFactory> _factories = new();
    private readonly ConcurrentDictionary<Type, PropertyInfo?> _resultProperties = new();

    public FunctionInvoker(IServiceProvider services, WorkerMiddlewareList middleware, ParameterBinder binder, LocalHostOptions options, ILoggerFactory loggers, TimeProvider? time = null)
    {
        _services = services;
        _binder = binder;
        _options = options;
        _loggers = loggers;
        _time = time ?? TimeProvider.System;
        _pipeline = middleware.Build(ExecuteAsync);
    }

    /// <inheritdoc />
    public Task<object?> InvokeAsync(FunctionDescriptor function, object? triggerValue, IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken)
        => InvokeAsync(new FunctionInvocationRequest(function, triggerValue, bindingData) { CancellationToken = cancellationToken });

    /// <summary>Runs one invocation with everything its trigger supplies (reason, items, an existing scope's services).</summary>
    public async Task<object?> InvokeAsync(FunctionInvocationRequest request)
    {
        var function = request.Function;
        var invocationId = Guid.NewGuid().ToString();
        var logger = _functionLoggers.GetOrAdd(function.Name, name => _loggers.CreateLogger("Function." + name));
        LogExecuting(logger, function.Name, request.Reason, invocationId);
        var started = _time.GetTimestamp();

        using var timeout = _options.FunctionTimeout is { } limit ? CancellationTokenSource.CreateLinkedTokenSource(request.CancellationToken) : null;
        timeout?.CancelAfter(_options.FunctionTimeout!.Value);
        var scope = request.Services is null ? _services.CreateAsyncScope() : (AsyncServiceScope?)null;
        try
        {
            var context = new LocalFunctionContext(
                invocationId,
                _definitions.GetOrAdd(function.Method, _ => new LocalFunctionDefinition(function)),
                function,
                request.Services ?? scope!.Value.ServiceProvider,
                request.BindingData,
                request.TriggerValue,
                timeout?.Token ?? request.CancellationToken);
            if (request.Items is not null)
            {
                foreach (var item in request.Items)
                {
                    context.Items[item.Key] = item.Value;
                }
            }

            await _pipeline(context);
            LogExecuted(logger, function.Name, "Succeeded", invocationId, (long)_time.GetElapsedTime(started).TotalMilliseconds);
            return context.Result;
        }
        catch (FunctionBindingException e)
        {
            LogBindingFailed(logger, function.Name, invocationId, (long)_time.GetElapsedTime(started).TotalMilliseconds, e.Message);
            throw;
        }
        catch (Exception e)
        {
            LogFailed(logger, e, function.Name, invocationId, (long)_time.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        finally
        {
            if (scope is { } s)
            {
                await s.DisposeAsync();
            }
        }
    }

    private async Task ExecuteAsync(Microsoft.Azure.Functions.Worker.FunctionContext functionContext)
    {
        var context = (LocalFunctionContext)functionContext;
        var method = context.Function.Method;
        var args = await _binder.BindAsync(context);
        var instance = method.IsStatic
            ? null
            : _factories.GetOrAdd(method.DeclaringType!, t => ActivatorUtilities.CreateFactory(t, Type.EmptyTypes))(context.InstanceServices, null);
        var returned = method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, args, culture: null);
        context.Result = await UnwrapAsync(returned, method.ReturnType);
    }

    private async Task<object?> UnwrapAsync(object? returned, Type declared)
    {
        if (returned is null)
        {
            return null;
        }

        if (returned is ValueTask valueTask)
        {
            await valueTask;
            return null;
        }

        if (declared.IsGenericType && declared.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            returned = declared.GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(returned, null);
            declared = typeof(Task<>).MakeGenericType(declared.GetGenericArguments());
        }

        if (returned is not Task task)
        {
            return returned;
        }

        await task;
        var result = _resultProperties.GetOrAdd(declared, static t =>
            t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Task<>) ? t.GetProperty(nameof(Task<int>.Result)) : null);
        return result?.GetValue(task);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Executing 'Functions.{FunctionName}' (Reason='{Reason}', Id={InvocationId})")]
    private static partial void LogExecuting(ILogger logger, string functionName, string reason, string invocationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Executed 'Functions.{FunctionName}' ({Outcome}, Id={InvocationId}, Duration={DurationMs}ms)")]
    private static partial void LogExecuted(ILogger logger, string functionName, string outcome, string invocationId, long durationMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Executed 'Functions.{FunctionName}' (Failed, Id={InvocationId}, Duration={DurationMs}ms)")]
    private static partial void LogFailed(ILogger logger, Exception exception, string functionName, string invocationId, long durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Executed 'Functions.{FunctionName}' (Failed, Id={InvocationId}, Duration={DurationMs}ms): {Reason}")]
    private static partial void LogBindingFailed(ILogger logger, string functionName, string invocationId, long durationMs, string reason);
}
