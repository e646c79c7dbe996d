using Microsoft.AspNetCore.Http;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>ASP.NET Core integration helpers for <see cref="FunctionContext"/>.</summary>
public static class FunctionContextExtensions
{
    /// <summary>The item key under which the host stores the <see cref="HttpContext"/> of an HTTP invocation.</summary>
    internal const string HttpContextKey = "HttpRequestContext";

    /// <summary>The <see cref="HttpContext"/> of an HTTP-triggered invocation, or null for other triggers.</summary>
    /// <param name="context">The invocation.</param>
    public static HttpContext? GetHttpContext(this FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(HttpContextKey, out var value) ? value as HttpContext : null;
    }
}
