namespace Microsoft.DurableTask;

/// <summary>The orchestration that started a sub-orchestration.</summary>
/// <param name="Name">The parent's orchestration name.</param>
/// <param name="InstanceId">The parent's instance id.</param>
public record ParentOrchestrationInstance(TaskName Name, string InstanceId);
