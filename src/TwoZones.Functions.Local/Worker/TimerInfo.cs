namespace Microsoft.Azure.Functions.Worker;

/// <summary>What a timer function is given about its invocation.</summary>
public class TimerInfo
{
    /// <summary>The schedule status, when the timer is monitored.</summary>
    public ScheduleStatus? ScheduleStatus { get; set; }

    /// <summary>Whether this invocation is later than its scheduled occurrence (for example, missed while the host was down).</summary>
    public bool IsPastDue { get; set; }
}
