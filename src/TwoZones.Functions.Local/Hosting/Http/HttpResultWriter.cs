using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>
/// Writes what an HTTP function returned, as the ASP.NET Core integration does: <see cref="IActionResult"/> and
/// <see cref="IResult"/> are executed; any other value is the response body (JSON, camelCase); null leaves the response as the function left it.
/// </summary>
internal static class HttpResultWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, object? result) => result switch
    {
        null => Task.CompletedTask,
        IActionResult action => action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor())),
        IResult minimal => minimal.ExecuteAsync(context),
        string text => WriteTextAsync(context, text),
        byte[] bytes => WriteBytesAsync(context, bytes),
        _ => context.Response.WriteAsJsonAsync(result, result.GetType(), Json, context.RequestAborted),
    };

    private static Task WriteTextAsync(HttpContext context, string text)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    private static Task WriteBytesAsync(HttpContext context, byte[] bytes)
    {
        context.Response.ContentType = "application/octet-stream";
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }
}
