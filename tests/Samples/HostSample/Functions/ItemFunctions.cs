using HostSample.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HostSample.Functions;

/// <summary>Instance functions: the class is created from DI for each invocation.</summary>
public sealed class ItemFunctions(GreetingService greetings)
{
    [Function("GetItem")]
    public IActionResult GetItem([HttpTrigger(AuthorizationLevel.Function, "get", Route = "items/{id:int}")] HttpRequest req, int id)
        => new OkObjectResult(new Item(id, $"Item {id}"));

    [Function("GetToken")]
    public Item GetToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tokens/{token:guid}")] HttpRequest req, Guid token)
        => new(0, "token", token);

    [Function("Square")]
    public Task<Item> Square([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "square/{value}")] HttpRequest req, int value)
        => Task.FromResult(new Item(value * value, "square"));

    [Function("Greet")]
    public ContentResult Greet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "greet/{name?}")] HttpRequest req, string? name, FunctionContext context)
        => new()
        {
            Content = $"{greetings.Greet(name ?? "stranger")} ({context.Items["sample.middleware"]})",
            ContentType = "text/plain",
            StatusCode = 200,
        };

    [Function("Hello")]
    public async ValueTask<IActionResult> Hello([HttpTrigger(AuthorizationLevel.Anonymous)] HttpRequest req, CancellationToken cancellationToken)
    {
        await Task.Delay(1, cancellationToken);
        return new OkObjectResult(new { method = req.Method, greeting = greetings.Greet(req.Query["name"].ToString()) });
    }
}
