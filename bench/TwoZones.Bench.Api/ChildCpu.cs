using System.Globalization;

namespace TwoZones.Bench.Api;

/// <summary>
/// CPU time of this process's children (the app and Azurite) from /proc, to wait until the app's background work after an import
/// (starting a tracker orchestration per item) has settled before measuring.
/// </summary>
public static class ChildCpu
{
    private const double TicksPerSecond = 100;

    public static double TotalSeconds()
    {
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var total = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (Fields(stat)[1] == self)
                {
                    total += Ticks(stat);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // Processes come and go while /proc is listed.
            }
        }

        return total / TicksPerSecond;
    }

    /// <summary>The CPU time (user and system) process <paramref name="pid"/> has used so far.</summary>
    public static double ProcessSeconds(int pid) => Ticks(File.ReadAllText($"/proc/{pid}/stat")) / TicksPerSecond;

    /// <summary>The id of this process's child whose command (/proc/&lt;pid&gt;/comm) is <paramref name="command"/>, e.g. <c>dotnet</c> or <c>node</c>.</summary>
    public static int? ChildProcessId(string command)
    {
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var comm = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                if (Fields(stat)[1] == self && comm == command)
                {
                    return int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // Processes come and go while /proc is listed; non-process entries have no stat.
            }
        }

        return null;
    }

    /// <summary>Waits until the children use less than <paramref name="coreShare"/> of a core over 3 s, or <paramref name="timeout"/> passes.</summary>
    public static async Task<TimeSpan> WaitUntilQuietAsync(double coreShare, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var window = TimeSpan.FromSeconds(3);
        while (clock.Elapsed < timeout)
        {
            var before = TotalSeconds();
            await Task.Delay(window);
            if ((TotalSeconds() - before) / window.TotalSeconds < coreShare)
            {
                break;
            }
        }

        return clock.Elapsed;
    }

    // The fields after the parenthesised command: state(3) ppid(4) … utime(14) stime(15), counted from 3.
    private static string[] Fields(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

    private static long Ticks(string stat)
    {
        var fields = Fields(stat);
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
