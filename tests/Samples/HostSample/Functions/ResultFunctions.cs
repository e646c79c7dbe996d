using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HostSample.Functions;

public static class ResultFunctions
{
    [Function("StatusOnly")]
    public static IActionResult StatusOnly([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status/{code:int}")] HttpRequest req, int code)
        => new StatusCodeResult(code);

    [Function("Created")]
    public static IActionResult Created([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "created")] HttpRequest req)
        => new ObjectResult(new { id = "n1" }) { StatusCode = StatusCodes.Status201Created };

    [Function("Download")]
    public static IActionResult Download([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "files/report.txt")] HttpRequest req)
        => new FileContentResult(Encoding.UTF8.GetBytes("report body"), "text/plain") { FileDownloadName = "report.txt" };

    [Function("NoContent")]
    public static void NoContent([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "things/{id}")] HttpRequest req, string id)
        => req.HttpContext.Response.StatusCode = StatusCodes.Status204NoContent;

    [Function("Throws")]
    public static IActionResult Throws([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "throws")] HttpRequest req)
        => throw new InvalidOperationException("Sample failure with a secret detail");
}
