using System.Globalization;

namespace TwoZones.Bench.Offices;

/// <summary>
/// The resident memory of the app's worker process (the child of the local Functions host running TwoZones.Functions.dll), from /proc.
/// Its peak (VmHWM) is reset before each measurement (<c>/proc/PID/clear_refs</c> with 5), so the peak is that of the measured request.
/// </summary>
public sealed class WorkerMemory(int pid)
{
    public int Pid => pid;

    /// <summary>The worker: a descendant of <paramref name="hostPid"/> (this benchmark) whose command line runs the app's assembly (not the host).</summary>
    public static WorkerMemory Find(int hostPid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            var pid = int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture);
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (pid != hostPid && cmdline.Contains("TwoZones.Functions.dll", StringComparison.Ordinal) && !cmdline.Contains("LocalFunctionsHost", StringComparison.Ordinal) && DescendsFrom(pid, hostPid))
                {
                    return new WorkerMemory(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        throw new InvalidOperationException($"No worker process under {hostPid}.");
    }

    public void ResetPeak() => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    public long ResidentBytes() => Field("VmRSS");

    public long PeakBytes() => Field("VmHWM");

    private long Field(string name)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static bool DescendsFrom(int pid, int ancestor)
    {
        for (var current = pid; current > 1;)
        {
            var stat = File.ReadAllText($"/proc/{current}/stat");
            var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            if (parent == ancestor)
            {
                return true;
            }

            current = parent;
        }

        return false;
    }
}
