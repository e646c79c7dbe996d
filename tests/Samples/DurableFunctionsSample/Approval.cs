using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableFunctionsSample;

/// <summary>
/// Waits for an external event, telling the world through its custom status. An optional delay before the wait lets a caller
/// raise the event before the orchestration listens for it (Durable buffers it).
/// </summary>
public static class Approval
{
    [Function(nameof(Approval))]
    public static async Task<string> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var delaySeconds = context.GetInput<int>();
        if (delaySeconds > 0)
        {
            await context.CreateTimer(TimeSpan.FromSeconds(delaySeconds), CancellationToken.None);
        }

        context.SetCustomStatus(new { stage = "waiting-for-approval" });
        var approver = await context.WaitForExternalEvent<string>("Approval");
        context.SetCustomStatus(new { stage = "approved" });
        return $"approved by {approver}";
    }
}
