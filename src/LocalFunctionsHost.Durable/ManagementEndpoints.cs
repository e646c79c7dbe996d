using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LocalFunctionsHost.Durable;

/// <summary>
/// The Durable Functions HTTP management API (the URLs of <c>CreateCheckStatusResponse</c>), with Durable's status codes:
/// 202 with Location while an instance runs, 200 when it is done, 404 for an unknown id, 410 for an operation on a finished one.
/// </summary>
internal static class ManagementEndpoints
{
    private const string ContinuationHeader = "x-ms-continuation-token";

    public static void Map(IEndpointRouteBuilder endpoints, string basePath, Func<AzureStorageOrchestrationService> service)
    {
        var group = endpoints.MapGroup(basePath + "/instances");
        group.MapGet("/", context => ListAsync(context, service()));
        group.MapGet("/{instanceId}", context => StatusAsync(context, service(), Route(context, "instanceId")));
        group.MapDelete("/{instanceId}", context => PurgeAsync(context, service(), Route(context, "instanceId")));
        group.MapDelete("/", context => PurgeManyAsync(context, service()));
        group.MapPost("/{instanceId}/raiseEvent/{eventName}", context => RaiseEventAsync(context, service(), Route(context, "instanceId"), Route(context, "eventName")));
        group.MapPost("/{instanceId}/terminate", context => ControlAsync(context, service(), Route(context, "instanceId"),
            (s, id, reason) => s.ForceTerminateTaskOrchestrationAsync(id, reason)));
        group.MapPost("/{instanceId}/suspend", context => ControlAsync(context, service(), Route(context, "instanceId"),
            (s, id, reason) => Management.SendAsync(s, id, new ExecutionSuspendedEvent(-1, reason))));
        group.MapPost("/{instanceId}/resume", context => ControlAsync(context, service(), Route(context, "instanceId"),
            (s, id, reason) => Management.SendAsync(s, id, new ExecutionResumedEvent(-1, reason))));
        group.MapPost("/{instanceId}/restart", context => RestartAsync(context, service(), Route(context, "instanceId")));
    }

    private static string Route(HttpContext context, string name) => (string)context.Request.RouteValues[name]!;

    private static async Task StatusAsync(HttpContext context, AzureStorageOrchestrationService service, string instanceId)
    {
        var query = context.Request.Query;
        var state = await Management.GetStateAsync(service, instanceId, withPayloads: Bool(query, "showInput") ?? true);
        if (state is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var payload = Payload(state, withInput: Bool(query, "showInput") ?? true);
        if (state.OrchestrationStatus is OrchestrationStatus.Running or OrchestrationStatus.Pending
            or OrchestrationStatus.ContinuedAsNew or OrchestrationStatus.Suspended)
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.Headers.Location = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
            context.Response.Headers.RetryAfter = "5";
        }
        else if (state.OrchestrationStatus == OrchestrationStatus.Failed && (Bool(query, "returnInternalServerErrorOnFailure") ?? false))
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }

        await WriteJsonAsync(context, payload);
    }

    private static async Task ListAsync(HttpContext context, AzureStorageOrchestrationService service)
    {
        var q = context.Request.Query;
        var statuses = q["runtimeStatus"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => Enum.TryParse<OrchestrationStatus>(v, ignoreCase: true, out var s) ? (OrchestrationStatus?)s : null)
            .OfType<OrchestrationStatus>().ToList();
        var showInput = Bool(q, "showInput") ?? false;
        var result = await service.GetOrchestrationWithQueryAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = q["instanceIdPrefix"].FirstOrDefault(),
            CreatedTimeFrom = Date(q, "createdTimeFrom"),
            CreatedTimeTo = Date(q, "createdTimeTo"),
            RuntimeStatus = statuses.Count > 0 ? statuses : null,
            PageSize = int.TryParse(q["top"].FirstOrDefault(), CultureInfo.InvariantCulture, out var top) && top > 0 ? top : 100,
            ContinuationToken = context.Request.Headers[ContinuationHeader].FirstOrDefault(),
            FetchInputsAndOutputs = showInput,
        }, context.RequestAborted);

        if (!string.IsNullOrEmpty(result.ContinuationToken))
        {
            context.Response.Headers[ContinuationHeader] = result.ContinuationToken;
        }

        var array = new JsonArray();
        foreach (var state in result.OrchestrationState)
        {
            array.Add(Payload(state, showInput));
        }

        await WriteJsonAsync(context, array);
    }

    private static async Task PurgeAsync(HttpContext context, AzureStorageOrchestrationService service, string instanceId)
    {
        var result = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(instanceId);
        await WritePurgeResultAsync(context, result.DeletedInstanceCount);
    }

    private static async Task PurgeManyAsync(HttpContext context, AzureStorageOrchestrationService service)
    {
        var q = context.Request.Query;
        if (Date(q, "createdTimeFrom") is not { } from)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await WriteJsonAsync(context, new JsonObject { ["Message"] = "Please provide value for 'createdTimeFrom' parameter." });
            return;
        }

        var statuses = q["runtimeStatus"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => Enum.Parse<OrchestrationStatus>(v, ignoreCase: true)).ToList();
        var result = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(
            new PurgeInstanceFilter(from, Date(q, "createdTimeTo"), statuses.Count > 0 ? statuses : null));
        await WritePurgeResultAsync(context, result.DeletedInstanceCount);
    }

    private static async Task WritePurgeResultAsync(HttpContext context, int deleted)
    {
        if (deleted == 0)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await WriteJsonAsync(context, new JsonObject { ["instancesDeleted"] = deleted });
    }

    private static async Task RaiseEventAsync(HttpContext context, AzureStorageOrchestrationService service, string instanceId, string eventName)
    {
        if (await ActiveOrAnswerAsync(context, service, instanceId) is false)
        {
            return;
        }

        if (!string.Equals(context.Request.ContentType?.Split(';')[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await WriteJsonAsync(context, new JsonObject { ["Message"] = "Only application/json request content is supported" });
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        try
        {
            // Validate only; the event keeps the caller's JSON text exactly.
            using var _ = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "null" : body);
        }
        catch (JsonException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await WriteJsonAsync(context, new JsonObject { ["Message"] = "Invalid JSON content" });
            return;
        }

        await Management.RaiseEventAsync(service, instanceId, eventName, string.IsNullOrWhiteSpace(body) ? null : body);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static async Task ControlAsync(HttpContext context, AzureStorageOrchestrationService service, string instanceId,
        Func<AzureStorageOrchestrationService, string, string?, Task> operation)
    {
        if (await ActiveOrAnswerAsync(context, service, instanceId) is false)
        {
            return;
        }

        await operation(service, instanceId, context.Request.Query["reason"].FirstOrDefault());
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static async Task RestartAsync(HttpContext context, AzureStorageOrchestrationService service, string instanceId)
    {
        var newId = await Management.RestartAsync(service, instanceId, Bool(context.Request.Query, "restartWithNewInstanceId") ?? true);
        if (newId is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // Point at the new instance's status, like the check-status response of a fresh start.
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
        var path = context.Request.Path.Value!;
        var instancesPath = path[..path.LastIndexOf("/instances/", StringComparison.OrdinalIgnoreCase)] + "/instances/";
        var statusUri = $"{baseUrl}{instancesPath}{Uri.EscapeDataString(newId)}";
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers.Location = statusUri;
        await WriteJsonAsync(context, new JsonObject { ["id"] = newId, ["statusQueryGetUri"] = statusUri });
    }

    // 404 for an unknown instance and 410 for a finished one, as Durable answers operations that cannot apply.
    private static async Task<bool> ActiveOrAnswerAsync(HttpContext context, AzureStorageOrchestrationService service, string instanceId)
    {
        var state = await Management.GetStateAsync(service, instanceId, withPayloads: false);
        if (state is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }

        if (Management.IsTerminal(state.OrchestrationStatus))
        {
            context.Response.StatusCode = StatusCodes.Status410Gone;
            return false;
        }

        return true;
    }

    private static JsonObject Payload(OrchestrationState state, bool withInput) => new()
    {
        ["name"] = state.Name,
        ["instanceId"] = state.OrchestrationInstance.InstanceId,
        ["runtimeStatus"] = state.OrchestrationStatus.ToString(),
        ["input"] = withInput ? Json(state.Input) : null,
        ["customStatus"] = Json(state.Status),
        ["output"] = Json(state.Output),
        ["createdTime"] = Time(state.CreatedTime),
        ["lastUpdatedTime"] = Time(state.LastUpdatedTime),
    };

    // Payloads are stored as JSON text; the API returns them as JSON values, or as a string when the text is not JSON.
    private static JsonNode? Json(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static string Time(DateTime time) => time.ToString("s", CultureInfo.InvariantCulture) + "Z";

    private static bool? Bool(IQueryCollection query, string name) =>
        bool.TryParse(query[name].FirstOrDefault(), out var value) ? value : null;

    private static DateTime? Date(IQueryCollection query, string name) =>
        DateTime.TryParse(query[name].FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
            ? value : null;

    private static Task WriteJsonAsync(HttpContext context, JsonNode node)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(node.ToJsonString(), context.RequestAborted);
    }
}
