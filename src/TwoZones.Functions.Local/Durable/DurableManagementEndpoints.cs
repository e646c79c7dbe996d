using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using TwoZones.Functions.Local.Hosting;

namespace TwoZones.Functions.Local.Durable;

/// <summary>
/// The Durable Functions HTTP management API under <c>/runtime/webhooks/durabletask/instances/{id}</c>: status,
/// raise event, terminate, suspend, resume and purge, with the status codes the Functions host returns.
/// </summary>
internal sealed class DurableManagementEndpoints(LocalDurableTaskClient client) : IEndpointContributor
{
    private const string Instance = "/runtime/webhooks/durabletask/instances/{instanceId}";

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Instance, GetStatusAsync);
        endpoints.MapDelete(Instance, PurgeAsync);
        endpoints.MapPost(Instance + "/raiseEvent/{eventName}", RaiseEventAsync);
        endpoints.MapPost(Instance + "/terminate", context => ControlAsync(context, (id, reason, ct) => client.TerminateInstanceAsync(id, reason, ct)));
        endpoints.MapPost(Instance + "/suspend", context => ControlAsync(context, client.SuspendInstanceAsync));
        endpoints.MapPost(Instance + "/resume", context => ControlAsync(context, client.ResumeInstanceAsync));
    }

    private static string InstanceId(HttpContext context) => (string)context.Request.RouteValues["instanceId"]!;

    private async Task GetStatusAsync(HttpContext context)
    {
        var metadata = await client.GetInstanceAsync(InstanceId(context), getInputsAndOutputs: true, context.RequestAborted);
        if (metadata is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var body = new JsonObject
        {
            ["name"] = metadata.Name,
            ["instanceId"] = metadata.InstanceId,
            ["runtimeStatus"] = metadata.RuntimeStatus.ToString(),
            ["input"] = Parse(metadata.SerializedInput),
            ["customStatus"] = Parse(metadata.SerializedCustomStatus),
            ["output"] = metadata.FailureDetails is { } failure ? failure.ToString() : Parse(metadata.SerializedOutput),
            ["createdTime"] = metadata.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["lastUpdatedTime"] = metadata.LastUpdatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        };
        context.Response.StatusCode = metadata.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed => StatusCodes.Status200OK,
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status202Accepted,
        };
        if (context.Response.StatusCode == StatusCodes.Status202Accepted)
        {
            context.Response.Headers.Location = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}";
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private async Task RaiseEventAsync(HttpContext context)
    {
        if (await UnfinishedInstanceAsync(context) is not { } instanceId)
        {
            return;
        }

        JsonElement? payload = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                payload = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, cancellationToken: context.RequestAborted);
            }
            catch (JsonException)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }

        await client.RaiseEventAsync(instanceId, (string)context.Request.RouteValues["eventName"]!, payload, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private async Task ControlAsync(HttpContext context, Func<string, string?, CancellationToken, Task> control)
    {
        if (await UnfinishedInstanceAsync(context) is not { } instanceId)
        {
            return;
        }

        await control(instanceId, context.Request.Query["reason"].FirstOrDefault(), context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    /// <summary>The route's instance id when that instance exists and has not finished; otherwise answers 404 or 410 and returns null.</summary>
    private async Task<string?> UnfinishedInstanceAsync(HttpContext context)
    {
        var instanceId = InstanceId(context);
        var metadata = await client.GetInstanceAsync(instanceId, context.RequestAborted);
        if (metadata is null || metadata.IsCompleted)
        {
            context.Response.StatusCode = metadata is null ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
            return null;
        }

        return instanceId;
    }

    private async Task PurgeAsync(HttpContext context)
    {
        var result = await client.PurgeInstanceAsync(InstanceId(context), cancellation: context.RequestAborted);
        if (result.PurgedInstanceCount == 0)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["instancesDeleted"] = result.PurgedInstanceCount }.ToJsonString(), context.RequestAborted);
    }

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
