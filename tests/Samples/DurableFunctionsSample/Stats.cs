using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DurableFunctionsSample;

/// <summary>What the worker process has seen, so tests can check the host's concurrency limits.</summary>
public static class Stats
{
    [Function(nameof(Stats))]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stats")] HttpRequest req) =>
        new OkObjectResult(new { maxConcurrentSquares = FanOutFanIn.MaxRunning });
}
