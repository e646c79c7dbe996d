namespace Microsoft.DurableTask;

/// <summary>Options for restarting an orchestration with new input.</summary>
public class ContinueAsNewOptions
{
    /// <summary>The input of the restarted orchestration.</summary>
    public object? NewInput { get; set; }

    /// <summary>Whether events not yet handled are kept for the restarted orchestration.</summary>
    public bool PreserveUnprocessedEvents { get; set; } = true;
}
