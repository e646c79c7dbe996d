using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using TwoZones.Functions.Local.Hosting;

namespace TwoZones.Functions.Local.Tests.Timers;

public sealed class TimerScheduleTests
{
    [Fact]
    public void Six_field_schedule_from_a_setting_is_evaluated_in_UTC()
    {
        var schedule = TimerSchedule.For(Function(nameof(Functions.FromSetting)), Config(("Schedule", "0 30 9 * * *")));

        Assert.Equal("0 30 9 * * *", schedule.Expression);
        var next = schedule.NextAfter(new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new DateTime(2026, 11, 24, 9, 30, 0, DateTimeKind.Utc), next);
        Assert.Equal(DateTimeKind.Utc, next.Kind);
        Assert.Equal(new DateTime(2026, 11, 25, 9, 30, 0, DateTimeKind.Utc), schedule.NextAfter(next));
    }

    [Fact]
    public void WEBSITE_TIME_ZONE_shifts_the_schedule_into_that_zone()
    {
        var schedule = TimerSchedule.For(Function(nameof(Functions.FromSetting)), Config(("Schedule", "0 0 9 * * Mon"), ("WEBSITE_TIME_ZONE", "Asia/Shanghai")));

        // 09:00 Monday in Beijing is 01:00 UTC.
        Assert.Equal(new DateTime(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc), schedule.NextAfter(new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Missing_setting_and_five_field_expression_fail_clearly()
    {
        var missing = Assert.Throws<LocalStartupException>(() => TimerSchedule.For(Function(nameof(Functions.FromSetting)), Config()));
        Assert.Contains("'Schedule'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("Function 'FromSetting'", missing.Message, StringComparison.Ordinal);

        var fiveFields = Assert.Throws<LocalStartupException>(() => TimerSchedule.For(Function(nameof(Functions.FromSetting)), Config(("Schedule", "*/5 * * * *"))));
        Assert.Contains("six-field", fiveFields.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static FunctionDescriptor Function(string name)
    {
        var method = typeof(Functions).GetMethod(name)!;
        var parameter = method.GetParameters()[0];
        return new FunctionDescriptor(name, method, parameter, parameter.GetCustomAttributes(false).OfType<TimerTriggerAttribute>().Single());
    }

    public static class Functions
    {
        [Function("FromSetting")]
        public static void FromSetting([TimerTrigger("%Schedule%")] TimerInfo timer) => _ = timer;
    }
}
