using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Triggers a function on a six-field CRON schedule.</summary>
public sealed class TimerTriggerAttribute : TriggerBindingAttribute
{
    /// <summary>A timer on <paramref name="schedule"/>.</summary>
    /// <param name="schedule">A six-field NCRONTAB expression (with seconds), or <c>%Setting%</c> naming one in configuration.</param>
    public TimerTriggerAttribute(string schedule)
    {
        Schedule = schedule;
        UseMonitor = true;
    }

    /// <summary>The schedule expression, or a <c>%Setting%</c> reference.</summary>
    public string Schedule { get; private set; }

    /// <summary>Whether the schedule status is persisted, so an occurrence missed while down runs once at start.</summary>
    public bool UseMonitor { get; set; }

    /// <summary>Whether the function also runs when the host starts.</summary>
    public bool RunOnStartup { get; set; }
}
