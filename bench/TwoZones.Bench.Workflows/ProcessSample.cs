using System.Globalization;

namespace TwoZones.Bench.Workflows;

/// <summary>
/// CPU time so far, resident memory and thread count of one process (or, with <see cref="ReadTree"/>, of it and every process
/// below it), read from /proc/&lt;pid&gt;/stat and /proc/&lt;pid&gt;/status.
/// </summary>
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

    /// <summary>The process and all its descendants together: the local Functions host and the app's worker it runs.</summary>
    public static ProcessSample ReadTree(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var child))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                    parents[child] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // Gone while listing.
                }
            }
        }

        var tree = new List<int> { pid };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        }

        var samples = tree.Select(Read).ToList();
        return new ProcessSample(samples.Sum(s => s.CpuSeconds), samples.Sum(s => s.RssMiB), samples.Sum(s => s.Threads));
    }

    /// <summary>Average share of one core used between <paramref name="earlier"/> and this sample, in percent.</summary>
    public double CpuPercentSince(ProcessSample earlier, TimeSpan elapsed) => (CpuSeconds - earlier.CpuSeconds) / elapsed.TotalSeconds * 100;

    private static long Field(string[] status, string name)
    {
        var line = status.First(l => l.StartsWith(name, StringComparison.Ordinal));
        return long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
