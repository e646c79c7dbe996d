using System.Globalization;

namespace TwoZones.Bench.Workflows;

/// <summary>One process's CPU time so far, resident memory and thread count, read from /proc/&lt;pid&gt;/stat and /proc/&lt;pid&gt;/status.</summary>
public sealed record ProcessSample(double CpuSeconds, double RssMiB, int Threads)
{
    private const double TicksPerSecond = 100;

    public static ProcessSample Read(int pid)
    {
        var folder = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture));
        var stat = File.ReadAllText(Path.Combine(folder, "stat"));

        // Fields after the parenthesised command: state ppid … utime(14) stime(15).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var status = File.ReadAllLines(Path.Combine(folder, "status"));
        return new ProcessSample(ticks / TicksPerSecond, Field(status, "VmRSS:") / 1024.0, (int)Field(status, "Threads:"));
    }

    /// <summary>Average share of one core used between <paramref name="earlier"/> and this sample, in percent.</summary>
    public double CpuPercentSince(ProcessSample earlier, TimeSpan elapsed) => (CpuSeconds - earlier.CpuSeconds) / elapsed.TotalSeconds * 100;

    private static long Field(string[] status, string name)
    {
        var line = status.First(l => l.StartsWith(name, StringComparison.Ordinal));
        return long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
