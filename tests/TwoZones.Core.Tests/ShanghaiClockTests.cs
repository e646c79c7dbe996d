using TwoZones.Core.Time;

namespace TwoZones.Core.Tests;

public class ShanghaiClockTests
{
    [Theory]
    [InlineData("2026-11-22T15:59:59Z", "2026-11-22")]
    [InlineData("2026-11-22T16:00:00Z", "2026-11-23")]
    [InlineData("2026-11-23T00:30:00+08:00", "2026-11-23")]
    [InlineData("2026-12-31T16:00:00Z", "2027-01-01")]
    public void Today_is_the_Beijing_calendar_date(string instant, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            ShanghaiClock.Today(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Zone_is_utc_plus_8_in_summer_and_winter()
    {
        Assert.Equal(TimeSpan.FromHours(8), ShanghaiClock.Zone.GetUtcOffset(new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(TimeSpan.FromHours(8), ShanghaiClock.Zone.GetUtcOffset(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }
}
