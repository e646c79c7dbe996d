using System.Globalization;

namespace TwoZones.Bench.Workflows;

/// <summary>
/// One process's CPU time so far, resident memory, thread count and I/O calls, from /proc/&lt;pid&gt;/stat, /status and /io.
/// <see cref="ReadBytes"/> and <see cref="ReadCalls"/> count every read(2)-like call, sockets included, so for an in-memory Azurite
/// they show how much its clients send it.
/// </summary>
public sealed record ProcessSample(double CpuSeconds, double RssMiB, int Threads, long ReadBytes, long ReadCalls)
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
        var io = File.ReadAllLines(Path.Combine(folder, "io"));
        return new ProcessSample(ticks / TicksPerSecond, Field(status, "VmRSS:") / 1024.0, (int)Field(status, "Threads:"), Field(io, "rchar:"), Field(io, "syscr:"));
    }

    /// <summary>Average share of one core used between <paramref name="earlier"/> and this sample, in percent.</summary>
    public double CpuPercentSince(ProcessSample earlier, TimeSpan elapsed) => (CpuSeconds - earlier.CpuSeconds) / elapsed.TotalSeconds * 100;

    private static long Field(string[] status, string name)
    {
        var line = status.First(l => l.StartsWith(name, StringComparison.Ordinal));
        return long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
