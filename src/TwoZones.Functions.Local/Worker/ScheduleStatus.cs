namespace Microsoft.Azure.Functions.Worker;

/// <summary>The persisted status of a timer schedule.</summary>
public class ScheduleStatus
{
    /// <summary>The last occurrence that ran.</summary>
    public DateTime Last { get; set; }

    /// <summary>The occurrence expected next.</summary>
    public DateTime Next { get; set; }

    /// <summary>When the status was last written.</summary>
    public DateTime LastUpdated { get; set; }
}
