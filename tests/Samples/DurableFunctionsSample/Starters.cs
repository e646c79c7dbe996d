using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableFunctionsSample;

/// <summary>HTTP starters and client operations, all through the official Durable client.</summary>
public static class Starters
{
    /// <summary>Starts any orchestrator with the JSON body as its input and answers with the check-status payload (202).</summary>
    [Function("Start")]
    public static async Task<HttpResponseData> Start(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orchestrators/{name}")] HttpRequestData req,
        [DurableClient] DurableTaskClient client,
        string name)
    {
        var body = await req.ReadAsStringAsync();
        JsonElement? input = string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize<JsonElement>(body);
        var query = System.Web.HttpUtility.ParseQueryString(req.Url.Query);
        var options = query["instanceId"] is { Length: > 0 } id ? new StartOrchestrationOptions(id) : null;
        var instanceId = await client.ScheduleNewOrchestrationInstanceAsync(name, input, options);
        return await client.CreateCheckStatusResponseAsync(req, instanceId);
    }

    /// <summary>Raises an event with the JSON body as its payload, through the client (the management API's raiseEvent is the other way).</summary>
    [Function("Raise")]
    public static async Task<HttpResponseData> Raise(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "instances/{id}/events/{eventName}")] HttpRequestData req,
        [DurableClient] DurableTaskClient client,
        string id,
        string eventName)
    {
        var body = await req.ReadAsStringAsync();
        JsonElement? payload = string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize<JsonElement>(body);
        await client.RaiseEventAsync(id, eventName, payload);
        return req.CreateResponse(HttpStatusCode.Accepted);
    }

    /// <summary>The instance as the client sees it: status, output and custom status.</summary>
    [Function("Instance")]
    public static async Task<HttpResponseData> Instance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "instances/{id}")] HttpRequestData req,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
        if (instance is null)
        {
            return req.CreateResponse(HttpStatusCode.NotFound);
        }

        var response = req.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(new
        {
            instance.InstanceId,
            instance.Name,
            RuntimeStatus = instance.RuntimeStatus.ToString(),
            Output = instance.SerializedOutput,
            CustomStatus = instance.SerializedCustomStatus,
        });
        return response;
    }
}
