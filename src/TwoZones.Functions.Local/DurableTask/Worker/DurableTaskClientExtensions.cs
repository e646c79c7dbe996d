using Microsoft.DurableTask.Client;
using TwoZones.Functions.Local.Durable;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>HTTP management helpers for <see cref="DurableTaskClient"/> in Functions apps.</summary>
public static class DurableTaskClientExtensions
{
    /// <summary>The URLs with which an HTTP client checks and manages an instance, on this host's Durable management endpoints.</summary>
    /// <param name="client">A client bound with <c>[DurableClient]</c>.</param>
    /// <param name="instanceId">The instance id.</param>
    /// <exception cref="InvalidOperationException">The client was not bound by the Functions host, so its base URL is unknown.</exception>
    public static HttpManagementPayload CreateHttpManagementPayload(this DurableTaskClient client, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (string.IsNullOrEmpty(instanceId))
        {
            throw new ArgumentException("InstanceId cannot be null or empty.", nameof(instanceId));
        }

        var baseUrl = (client as IHttpManagementBase)?.HttpBaseUrl
            ?? throw new InvalidOperationException("The HTTP management payload needs a client bound with [DurableClient], which knows the host's base URL.");
        var instanceUrl = $"{baseUrl}/instances/{Uri.EscapeDataString(instanceId)}";
        return new HttpManagementPayload
        {
            Id = instanceId,
            StatusQueryGetUri = instanceUrl,
            SendEventPostUri = $"{instanceUrl}/raiseEvent/{{eventName}}",
            TerminatePostUri = $"{instanceUrl}/terminate?reason={{text}}",
            PurgeHistoryDeleteUri = instanceUrl,
            SuspendPostUri = $"{instanceUrl}/suspend?reason={{text}}",
            ResumePostUri = $"{instanceUrl}/resume?reason={{text}}",
        };
    }
}
