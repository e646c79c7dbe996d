using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace ClassicHttpSample;

/// <summary>HTTP functions on <see cref="HttpRequestData"/>/<see cref="HttpResponseData"/> for the local host's tests.</summary>
public static class HttpFunctions
{
    /// <summary>Echoes method, route value, query, a header and the body.</summary>
    [Function("Echo")]
    public static async Task<HttpResponseData> Echo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", Route = "echo/{name?}")] HttpRequestData req, string? name)
    {
        var body = await req.ReadAsStringAsync() ?? "";
        var query = System.Web.HttpUtility.ParseQueryString(req.Url.Query);
        var header = req.Headers.TryGetValues("X-Sample", out var values) ? string.Join("|", values) : "";
        var response = req.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", "text/plain; charset=utf-8");
        await response.WriteStringAsync($"{req.Method} name={name ?? "(none)"} q={query["q"]} h={header} body={body}");
        return response;
    }

    /// <summary>Copies a binary body back with its content type and length.</summary>
    [Function("Binary")]
    public static async Task<HttpResponseData> Binary([HttpTrigger(AuthorizationLevel.Anonymous, "post", "put", Route = "binary")] HttpRequestData req)
    {
        using var copy = new MemoryStream();
        await req.Body.CopyToAsync(copy);
        var response = req.CreateResponse(HttpStatusCode.Created);
        response.Headers.Add("Content-Type", req.Headers.TryGetValues("Content-Type", out var type) ? type.First() : "application/octet-stream");
        response.Headers.Add("X-Received-Length", copy.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await response.Body.WriteAsync(copy.ToArray());
        return response;
    }

    /// <summary>A status code from the route, a header with two values and a cookie.</summary>
    [Function("Status")]
    public static HttpResponseData Status([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status/{code:int:range(200,599)}")] HttpRequestData req, int code)
    {
        var response = req.CreateResponse((HttpStatusCode)code);
        response.Headers.Add("X-Custom", "custom-" + code);
        response.Headers.Add("X-Multi", ["one", "two"]);
        response.Cookies.Append(new HttpCookie("flavour", "oat") { Path = "/api", HttpOnly = true, MaxAge = 60 });
        response.WriteString("status " + code);
        return response;
    }

    /// <summary>A one-mebibyte generated body.</summary>
    [Function("Large")]
    public static HttpResponseData Large([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "large")] HttpRequestData req)
    {
        var response = req.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", "application/octet-stream");
        response.Body.Write(Pattern(1024 * 1024));
        return response;
    }

    /// <summary>A JSON body written by the worker's serializer.</summary>
    [Function("Json")]
    public static async Task<HttpResponseData> Json([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "json/{id:int}")] HttpRequestData req, int id)
    {
        var response = req.CreateResponse();
        await response.WriteAsJsonAsync(new { id, kind = "number" });
        return response;
    }

    /// <summary>Throws, so the host answers 500.</summary>
    [Function("Boom")]
    public static HttpResponseData Boom([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "boom")] HttpRequestData req)
        => throw new InvalidOperationException("The sample failed on purpose.");

    /// <summary>Sleeps for the given time, honouring cancellation.</summary>
    [Function("Slow")]
    public static async Task<HttpResponseData> Slow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "slow/{ms:int}")] HttpRequestData req, int ms, FunctionContext context)
    {
        await Task.Delay(ms, context.CancellationToken);
        var response = req.CreateResponse(HttpStatusCode.OK);
        await response.WriteStringAsync("slept " + ms);
        return response;
    }

    /// <summary>The byte pattern of <see cref="Large"/>: byte i is i * 31 mod 251 (the tests check it).</summary>
    public static byte[] Pattern(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31 % 251))];
}
