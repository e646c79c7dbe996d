using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Loggers for a function invocation.</summary>
public static class FunctionContextLoggerExtensions
{
    /// <summary>A logger whose category is the full name of <typeparamref name="T"/>.</summary>
    /// <param name="context">The invocation.</param>
    public static ILogger<T> GetLogger<T>(this FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.InstanceServices.GetRequiredService<ILogger<T>>();
    }

    /// <summary>A logger with the given category.</summary>
    /// <param name="context">The invocation.</param>
    /// <param name="categoryName">The log category.</param>
    public static ILogger GetLogger(this FunctionContext context, string categoryName)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.InstanceServices.GetRequiredService<ILoggerFactory>().CreateLogger(categoryName);
    }
}
