using TwoZones.Testing;

namespace TwoZones.Functions.Tests;

/// <summary>A setting the app cannot use stops it at start with one line naming the setting, instead of a feature silently off.</summary>
public sealed class StartupSettingsTests
{
    [Theory]
    [InlineData("TwoZones__DigestWebhookUrl", "ftp://example.org/hook", "TwoZones:DigestWebhookUrl 'ftp://example.org/hook' is not an absolute http or https URL")]
    [InlineData("TwoZones__DigestWebhookUrl", "hooks/digest", "TwoZones:DigestWebhookUrl 'hooks/digest' is not an absolute http or https URL")]
    [InlineData("TwoZones__ReconcileSchedule", "0 */10 * * *", "TwoZones:ReconcileSchedule '0 */10 * * *' is not a six-field NCRONTAB expression")]
    [InlineData("TwoZones__DigestSchedule", "0 0 25 * * Mon", "TwoZones:DigestSchedule '0 0 25 * * Mon' is not a six-field NCRONTAB expression")]
    [InlineData("TwoZones__DigestDeliveryAttempts", "many", "'TwoZones:DigestDeliveryAttempts'")]
    [InlineData("TwoZones__TablePrefix", "two-zones", "TwoZones:TablePrefix 'two-zones' must be at most 40 ASCII letters and digits")]
    [InlineData("TwoZones__StalePeriodDays", "0", "TwoZones:StalePeriodDays 0 must be a whole number of days from 1 to 3650")]
    [InlineData("TwoZones__StalePeriodDays", "ninety", "'TwoZones:StalePeriodDays'")]
    public async Task A_bad_setting_stops_the_app_with_one_line_naming_it(string variable, string value, string expected)
    {
        await using var azurite = await AzuriteInstance.StartNewAsync(allServices: true);
        var settings = AppProcess.Settings(azurite.ConnectionString);
        settings[variable] = value;
        await using var host = AppProcess.Launch(AppProcess.BuiltApp(), settings);

        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.True(exitCode is not null, $"The app kept running with {variable}={value}. Output:\n{host.Output}");
        Assert.NotEqual(0, exitCode);
        var lines = host.Output.Split('\n').Where(l => l.Contains("a setting is not valid", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"Expected one line about the setting. Output:\n{host.Output}");
        var line = lines[0];
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Good_settings_start_the_app()
    {
        await using var azurite = await AzuriteInstance.StartNewAsync(allServices: true);
        var settings = AppProcess.Settings(azurite.ConnectionString);
        settings["TwoZones__DigestWebhookUrl"] = "https://example.org/hook";
        settings["TwoZones__ReconcileSchedule"] = "00:10:00";
        settings["TwoZones__TablePrefix"] = "Staging2";
        await using var host = await AppProcess.StartHealthyAsync(AppProcess.BuiltApp(), settings, TimeSpan.FromMinutes(5));
        Assert.DoesNotContain("a setting is not valid", host.Output, StringComparison.Ordinal);
    }
}
