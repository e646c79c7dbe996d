using System.Globalization;
using TwoZones.Core.Time;

namespace TwoZones.Core.Tests;

public class IsoWeekIdTests
{
    [Theory]
    [InlineData("2026-11-23", "2026-W48")]
    [InlineData("2026-12-31", "2026-W53")]
    [InlineData("2027-01-01", "2026-W53")]
    [InlineData("2027-01-03", "2026-W53")]
    [InlineData("2027-01-04", "2027-W01")]
    [InlineData("2024-12-30", "2025-W01")]
    [InlineData("2021-01-03", "2020-W53")]
    public void Week_of_a_date(string date, string expected) =>
        Assert.Equal(expected, IsoWeekId.For(DateOnly.Parse(date, CultureInfo.InvariantCulture)));

    [Fact]
    public void Week_of_an_instant_uses_the_Shanghai_calendar()
    {
        Assert.Equal("2026-W47", IsoWeekId.OfInstant(new DateTimeOffset(2026, 11, 22, 15, 59, 59, TimeSpan.Zero)).ToString());
        Assert.Equal("2026-W48", IsoWeekId.OfInstant(new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.Zero)).ToString());
    }

    [Fact]
    public void Parse_gives_monday_to_sunday()
    {
        var week = IsoWeekId.Parse("2026-W53");

        Assert.Equal(new DateOnly(2026, 12, 28), week.Start);
        Assert.Equal(new DateOnly(2027, 1, 3), week.End);
        Assert.Equal(DayOfWeek.Monday, week.Start.DayOfWeek);
        Assert.True(week.Contains(new DateOnly(2027, 1, 1)));
        Assert.False(week.Contains(new DateOnly(2027, 1, 4)));
        Assert.Equal("2026-W52", week.Previous().ToString());
        Assert.Equal("2025-W01", IsoWeekId.Parse("2025-W01").ToString());
        Assert.Equal(new DateOnly(2024, 12, 30), IsoWeekId.Parse("2025-W01").Start);
    }

    [Theory]
    [InlineData("2025-W53")]
    [InlineData("2026-W00")]
    [InlineData("2026-W5")]
    [InlineData("2026W48")]
    [InlineData("2026-48")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_week_ids_are_rejected(string? text)
    {
        Assert.False(IsoWeekId.TryParse(text, out _));
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => IsoWeekId.Parse(text));
        }
    }
}
