using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableSample.Functions;

/// <summary>Starts any orchestration over HTTP and answers with the check-status payload.</summary>
public static class HttpStarter
{
    [Function("StartOrchestration")]
    public static async Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orchestrators/{name}")] HttpRequest req,
        string name,
        [DurableClient] DurableTaskClient client)
    {
        object? input = null;
        if (req.ContentLength is > 0)
        {
            input = await System.Text.Json.JsonSerializer.DeserializeAsync<System.Text.Json.JsonElement>(req.Body);
        }

        string? requestedId = req.Query["instanceId"];
        var instanceId = await client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(requestedId));
        var payload = client.CreateHttpManagementPayload(instanceId);
        return new AcceptedResult(payload.StatusQueryGetUri, payload);
    }
}
