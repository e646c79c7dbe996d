using System.Text.Json.Serialization;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>The URLs with which an HTTP client checks and manages one orchestration instance.</summary>
public class HttpManagementPayload
{
    /// <summary>The instance id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; internal set; }

    /// <summary>GET: the instance's status.</summary>
    [JsonPropertyName("statusQueryGetUri")]
    public string? StatusQueryGetUri { get; internal set; }

    /// <summary>POST: raises an event (replace <c>{eventName}</c>).</summary>
    [JsonPropertyName("sendEventPostUri")]
    public string? SendEventPostUri { get; internal set; }

    /// <summary>POST: terminates the instance.</summary>
    [JsonPropertyName("terminatePostUri")]
    public string? TerminatePostUri { get; internal set; }

    /// <summary>POST: rewinds a failed instance (not served by the local runtime).</summary>
    [JsonPropertyName("rewindPostUri")]
    public string? RewindPostUri { get; internal set; }

    /// <summary>DELETE: purges the instance's history.</summary>
    [JsonPropertyName("purgeHistoryDeleteUri")]
    public string? PurgeHistoryDeleteUri { get; internal set; }

    /// <summary>POST: restarts the instance (not served by the local runtime).</summary>
    [JsonPropertyName("restartPostUri")]
    public string? RestartPostUri { get; internal set; }

    /// <summary>POST: suspends the instance.</summary>
    [JsonPropertyName("suspendPostUri")]
    public string? SuspendPostUri { get; internal set; }

    /// <summary>POST: resumes a suspended instance.</summary>
    [JsonPropertyName("resumePostUri")]
    public string? ResumePostUri { get; internal set; }
}
