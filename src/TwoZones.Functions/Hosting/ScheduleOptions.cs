using Microsoft.Extensions.Configuration;

namespace TwoZones.Functions.Hosting;

/// <summary>
/// The timers' schedules (section <c>TwoZones</c>): six-field NCRONTAB in UTC, or a constant interval such as <c>00:10:00</c>.
/// The Functions host reads them from the same settings (<c>%TwoZones:…Schedule%</c>); the app checks them at start so a typo
/// stops it with the setting's name.
/// </summary>
public sealed class ScheduleOptions
{
    /// <summary><c>TwoZones:SnapshotSchedule</c>: when progress is stored.</summary>
    [ConfigurationKeyName("SnapshotSchedule")]
    public string? Snapshot { get; set; }

    /// <summary><c>TwoZones:DigestSchedule</c>: when the weekly digest is built.</summary>
    [ConfigurationKeyName("DigestSchedule")]
    public string? Digest { get; set; }

    /// <summary><c>TwoZones:ReconcileSchedule</c>: when trackers are reconciled with storage.</summary>
    [ConfigurationKeyName("ReconcileSchedule")]
    public string? Reconcile { get; set; }
}
