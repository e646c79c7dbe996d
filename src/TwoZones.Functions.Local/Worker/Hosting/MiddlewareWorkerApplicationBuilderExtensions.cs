using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Adds worker middleware: it runs for every invocation of every function, in the order added.</summary>
public static class MiddlewareWorkerApplicationBuilderExtensions
{
    /// <summary>Adds <typeparamref name="T"/> (a singleton from DI) to the pipeline.</summary>
    /// <param name="builder">The worker builder.</param>
    public static IFunctionsWorkerApplicationBuilder UseMiddleware<T>(this IFunctionsWorkerApplicationBuilder builder)
        where T : class, IFunctionsWorkerMiddleware
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<T>();
        return builder.Use(next => context => context.InstanceServices.GetRequiredService<T>().Invoke(context, next));
    }

    /// <summary>Adds <typeparamref name="T"/> (a singleton from DI) for invocations that match <paramref name="predicate"/>.</summary>
    /// <param name="builder">The worker builder.</param>
    /// <param name="predicate">Whether the middleware runs for an invocation.</param>
    public static IFunctionsWorkerApplicationBuilder UseWhen<T>(this IFunctionsWorkerApplicationBuilder builder, Func<FunctionContext, bool> predicate)
        where T : class, IFunctionsWorkerMiddleware
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(predicate);
        builder.Services.AddSingleton<T>();
        return builder.Use(next => context => predicate(context)
            ? context.InstanceServices.GetRequiredService<T>().Invoke(context, next)
            : next(context));
    }

    /// <summary>Adds an inline middleware; it calls the given function to continue the pipeline.</summary>
    /// <param name="builder">The worker builder.</param>
    /// <param name="middleware">The middleware.</param>
    public static IFunctionsWorkerApplicationBuilder UseMiddleware(this IFunctionsWorkerApplicationBuilder builder, Func<FunctionContext, Func<Task>, Task> middleware)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(middleware);
        return builder.Use(next => context => middleware(context, () => next(context)));
    }

    /// <summary>Adds an inline middleware for invocations that match <paramref name="predicate"/>.</summary>
    /// <param name="builder">The worker builder.</param>
    /// <param name="predicate">Whether the middleware runs for an invocation.</param>
    /// <param name="middleware">The middleware.</param>
    public static IFunctionsWorkerApplicationBuilder UseWhen(this IFunctionsWorkerApplicationBuilder builder, Func<FunctionContext, bool> predicate, Func<FunctionContext, Func<Task>, Task> middleware)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(middleware);
        return builder.Use(next => context => predicate(context) ? middleware(context, () => next(context)) : next(context));
    }
}
