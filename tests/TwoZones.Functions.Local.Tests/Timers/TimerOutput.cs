using System.Globalization;
using System.Text.RegularExpressions;

namespace TwoZones.Functions.Local.Tests.Timers;

/// <summary>The SampleTimer runs logged by a HostSample process.</summary>
internal static partial class TimerOutput
{
    public static List<TimerRun> Runs(string output)
    {
        var ends = End().Matches(output).ToDictionary(m => m.Groups["next"].Value, m => Parse(m.Groups["at"].Value));
        return [.. Begin().Matches(output).Select(m => new TimerRun(
            m.Groups["next"].Value,
            bool.Parse(m.Groups["pastDue"].Value),
            Parse(m.Groups["at"].Value),
            ends.TryGetValue(m.Groups["next"].Value, out var end) ? end : null))];
    }

    private static DateTime Parse(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    [GeneratedRegex(@"SampleTimer begin next=(?<next>\S+) pastDue=(?<pastDue>True|False) at=(?<at>\S+)")]
    private static partial Regex Begin();

    [GeneratedRegex(@"SampleTimer end next=(?<next>\S+) at=(?<at>\S+)")]
    private static partial Regex End();
}

internal sealed record TimerRun(string Next, bool PastDue, DateTime Began, DateTime? Ended);
