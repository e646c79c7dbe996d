using System.Globalization;
using Microsoft.Extensions.Options;
using NCrontab;
using TwoZones.Functions.Digests;

namespace TwoZones.Functions.Hosting;

/// <summary>
/// Checks the <c>TwoZones:*</c> settings at start (<see cref="SettingsServiceCollectionExtensions.AddTwoZonesSettings"/>): each
/// failure names the setting and what it must be, instead of the app running with a feature silently off.
/// </summary>
internal sealed class SettingsValidator : IValidateOptions<DigestOptions>, IValidateOptions<ScheduleOptions>, IValidateOptions<TableOptions>,
    IValidateOptions<StaleOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.WebhookUrl is { } url && !(url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add($"TwoZones:DigestWebhookUrl '{url.OriginalString}' is not an absolute http or https URL (leave it empty for no delivery).");
        }

        if (options.DeliveryAttempts < 1)
        {
            failures.Add($"TwoZones:DigestDeliveryAttempts {options.DeliveryAttempts} must be at least 1.");
        }

        Positive(failures, "TwoZones:DigestDeliveryFirstRetryInterval", options.DeliveryFirstRetryInterval);
        Positive(failures, "TwoZones:DigestDeliveryTimeout", options.DeliveryTimeout);
        return Result(failures);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Schedule(failures, "TwoZones:SnapshotSchedule", options.Snapshot);
        Schedule(failures, "TwoZones:DigestSchedule", options.Digest);
        Schedule(failures, "TwoZones:ReconcileSchedule", options.Reconcile);
        return Result(failures);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = options.TablePrefix;
        var valid = prefix.Length == 0
            || (prefix.Length <= TableOptions.MaxPrefixLength && char.IsAsciiLetter(prefix[0]) && prefix.All(char.IsAsciiLetterOrDigit));
        return valid
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"TwoZones:TablePrefix '{prefix}' must be at most {TableOptions.MaxPrefixLength} ASCII letters and digits, starting with a letter (Azure table names).");
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StaleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PeriodDays is >= 1 and <= StaleOptions.MaxPeriodDays
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"TwoZones:StalePeriodDays {options.PeriodDays} must be a whole number of days from 1 to {StaleOptions.MaxPeriodDays}.");
    }

    private static void Positive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{setting} {value} must be longer than zero.");
        }
    }

    // As the Timer extension takes them: six fields with seconds, or a TimeSpan (a cron with spaces is never read as one).
    private static void Schedule(List<string> failures, string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var isCron = CrontabSchedule.TryParse(value, new CrontabSchedule.ParseOptions { IncludingSeconds = true }) is not null;
        var isInterval = !value.Contains(' ', StringComparison.Ordinal)
            && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero;
        if (!isCron && !isInterval)
        {
            failures.Add($"{setting} '{value}' is not a six-field NCRONTAB expression (second minute hour day month day-of-week, UTC) nor a TimeSpan.");
        }
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
