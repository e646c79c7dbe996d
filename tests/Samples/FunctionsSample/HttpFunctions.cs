using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsSample;

public static class HttpFunctions
{
    [Function("Hello")]
    public static IActionResult Hello([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "hello/{name?}")] HttpRequest req, string? name)
        => new OkObjectResult($"Hello, {name ?? "world"}{req.Query["suffix"]}");

    [Function("Item")]
    public static IActionResult Item([HttpTrigger(AuthorizationLevel.Function, "get", Route = "items/{id:int}")] HttpRequest req, int id)
        => new OkObjectResult(new { id, kind = "number" });

    [Function("ItemBySlug")]
    public static IActionResult ItemBySlug([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{slug:alpha}")] HttpRequest req, string slug)
        => new OkObjectResult(new { slug, kind = "slug" });

    [Function("Echo")]
    public static async Task Echo([HttpTrigger(AuthorizationLevel.Anonymous, "post", "put", Route = "echo")] HttpRequest req)
    {
        var response = req.HttpContext.Response;
        using var copy = new MemoryStream();
        await req.Body.CopyToAsync(copy);
        response.StatusCode = StatusCodes.Status201Created;
        response.ContentType = req.ContentType ?? "application/octet-stream";
        response.Headers["X-Received-Length"] = copy.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-Request-Header"] = req.Headers["X-Sample"].ToString();
        copy.Position = 0;
        await copy.CopyToAsync(response.Body);
    }

    [Function("Status")]
    public static IActionResult Status([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status/{code:int:range(200,599)}")] HttpRequest req, int code)
    {
        req.HttpContext.Response.Headers["X-Custom"] = "custom-" + code;
        return new ContentResult { StatusCode = code, Content = "status " + code, ContentType = "text/plain" };
    }

    [Function("Boom")]
    public static IActionResult Boom([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "boom")] HttpRequest req)
        => throw new InvalidOperationException("The sample failed on purpose.");

    [Function("Env")]
    public static IActionResult Env([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "env/{name}")] HttpRequest req, string name)
        => new OkObjectResult(Environment.GetEnvironmentVariable(name) ?? "(unset)");

    [Function("Slow")]
    public static async Task<IActionResult> Slow([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "slow/{ms:int}")] HttpRequest req, int ms)
    {
        await Task.Delay(ms);
        return new OkObjectResult("slept " + ms);
    }

    // No route: the function's name is its route.
    [Function("NoRoute")]
    public static IActionResult NoRoute([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest req) => new OkObjectResult("no route");
}
