using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

/// <summary>
/// <c>tools/func start --script-root ...</c> as a child process: output captured, reachable over real HTTP, signalled like a
/// user would (SIGTERM) or a crash would (SIGKILL of the host alone, so the tests see what becomes of its worker).
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();
    private readonly Process _process;

    private HostProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }

    public HttpClient Http { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The build output of a sample app, in the configuration the tests were built in.</summary>
    public static string SampleRoot(string name)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";
        var root = Path.Combine(RepositoryRoot.Find(), "tests", "Samples", name, "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(root, "worker.config.json")) ? root : throw new FileNotFoundException("Build the test project first; missing " + root);
    }

    /// <summary>A copy of a sample's build output, for tests that write their own host.json or local.settings.json.</summary>
    public static string CopyOfSample(string name)
    {
        var source = SampleRoot(name);
        var target = Directory.CreateTempSubdirectory("lfh-app-").FullName;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    public static HostProcess Start(string scriptRoot, IDictionary<string, string> environment, int? port = null, int? expectedPort = null, bool verbose = false)
    {
        var psi = new ProcessStartInfo(Path.Combine(RepositoryRoot.Find(), "tools", "func"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("start");
        psi.ArgumentList.Add("--script-root");
        psi.ArgumentList.Add(scriptRoot);
        if (port is { } p)
        {
            psi.ArgumentList.Add("--port");
            psi.ArgumentList.Add(p.ToString(CultureInfo.InvariantCulture));
        }

        if (verbose)
        {
            psi.ArgumentList.Add("--verbose");
        }

        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        var process = new Process { StartInfo = psi };
        var host = new HostProcess(process, port ?? expectedPort ?? 7071);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Starts and waits for "Host started".</summary>
    public static async Task<HostProcess> StartReadyAsync(string scriptRoot, IDictionary<string, string> environment, int? port = null, int? expectedPort = null, bool verbose = false)
    {
        var host = Start(scriptRoot, environment, port, expectedPort, verbose);
        if (!await host.WaitForOutputAsync("Host started", TimeSpan.FromSeconds(90)))
        {
            var output = host.Output;
            await host.DisposeAsync();
            throw new InvalidOperationException("The host did not start. Output:\n" + output);
        }

        return host;
    }

    public int Count(string text) => Regex.Count(Output, Regex.Escape(text));

    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout, int times = 1)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Count(text) >= times)
            {
                return true;
            }

            if (_process.HasExited)
            {
                await Task.Delay(200);
                return Count(text) >= times;
            }

            await Task.Delay(100);
        }

        return false;
    }

    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The worker: the host's child process running the app's dll.</summary>
    public int? WorkerPid()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var ppid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (ppid == Pid)
                {
                    return pid;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while being read.
            }
        }

        return null;
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            // A zombie has exited; only its entry is left until its parent reaps it.
            return File.ReadAllText($"/proc/{pid}/stat") is var stat && stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Http.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_lock)
            {
                _output.AppendLine(line);
            }
        }
    }
}
