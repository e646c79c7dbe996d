using System.Diagnostics;
using System.Text;

namespace TwoZones.Testing;

/// <summary>
/// A functions app started as a child process (<c>dotnet app.dll</c>, or any command that serves it) with its own environment
/// and port, as a real host would run it: output captured, reachable over real HTTP, killable (SIGKILL of the whole process
/// tree, as a crash) or stoppable (SIGTERM), restartable.
/// </summary>
public sealed class ChildHost : IAsyncDisposable
{
    private readonly string _fileName;
    private readonly IReadOnlyList<string> _arguments;
    private readonly string _workingDirectory;
    private readonly string _displayName;
    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private Process? _process;

    private ChildHost(string fileName, IReadOnlyList<string> arguments, string workingDirectory, string displayName, IDictionary<string, string> environment, int port)
    {
        _fileName = fileName;
        _arguments = arguments;
        _workingDirectory = workingDirectory;
        _displayName = displayName;
        _environment = new Dictionary<string, string>(environment, StringComparer.Ordinal) { ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The loopback port the app listens on (passed as <c>PORT</c>).</summary>
    public int Port { get; }

    /// <summary>A client whose base address is <c>http://127.0.0.1:{Port}/</c>.</summary>
    public HttpClient Http { get; }

    /// <summary>Everything the process wrote to stdout and stderr, across restarts.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Whether the current process has exited (true when none was started).</summary>
    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>The id of the current process.</summary>
    public int Pid => _process?.Id ?? throw new InvalidOperationException("No process was started.");

    /// <summary>The exit code of the last process, once it has exited.</summary>
    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>Starts <c>dotnet <paramref name="dllPath"/></c> and waits until it accepts connections on <paramref name="port"/>.</summary>
    /// <param name="dllPath">The app's main assembly.</param>
    /// <param name="env">Environment variables on top of this process's (PORT is set from <paramref name="port"/>).</param>
    /// <param name="port">The port the app listens on.</param>
    /// <param name="timeout">How long to wait for the port (default 60 s).</param>
    public static Task<ChildHost> StartAsync(string dllPath, IDictionary<string, string> env, int port, TimeSpan? timeout = null) =>
        Launch(dllPath, env, port).ListeningAsync(timeout ?? TimeSpan.FromSeconds(60));

    /// <summary>Starts the process without waiting for the port (for apps expected to fail at start).</summary>
    public static ChildHost Launch(string dllPath, IDictionary<string, string> env, int port)
    {
        ArgumentNullException.ThrowIfNull(env);
        var fullPath = Path.GetFullPath(dllPath);
        var host = new ChildHost("dotnet", [fullPath], Path.GetDirectoryName(fullPath)!, Path.GetFileName(fullPath), env, port);
        host.StartProcess();
        return host;
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> without waiting for the port (for apps expected to fail at start).</summary>
    public static ChildHost LaunchCommand(string fileName, IReadOnlyList<string> arguments, string workingDirectory, IDictionary<string, string> env, int port)
    {
        ArgumentNullException.ThrowIfNull(env);
        var host = new ChildHost(fileName, arguments, workingDirectory, Path.GetFileName(fileName), env, port);
        host.StartProcess();
        return host;
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> and waits until something listens on <paramref name="port"/>.</summary>
    /// <param name="fileName">The program or script that serves the app on <paramref name="port"/> (it gets <c>PORT</c> too).</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="env">Environment variables on top of this process's.</param>
    /// <param name="port">The port the app listens on.</param>
    /// <param name="timeout">How long to wait for the port (default 60 s).</param>
    public static Task<ChildHost> StartCommandAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, IDictionary<string, string> env, int port, TimeSpan? timeout = null) =>
        LaunchCommand(fileName, arguments, workingDirectory, env, port).ListeningAsync(timeout ?? TimeSpan.FromSeconds(60));

    /// <summary>
    /// The main assembly of a sample app built by the same build as the tests (a ProjectReference with
    /// ReferenceOutputAssembly=false), with or without an artifacts path.
    /// </summary>
    /// <param name="projectName">The project name, e.g. <c>HostSample</c>.</param>
    public static string FindBuiltApp(string projectName)
    {
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

        // --artifacts-path layout: <artifacts>/bin/<Project>/<config>/
        if (baseDir.Parent?.Parent is { } bin)
        {
            var candidate = Path.Combine(bin.FullName, projectName, baseDir.Name, projectName + ".dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        // In-tree layout: <repo>/tests/Samples/<Project>/bin/<Config>/<tfm>/ for sample apps, <repo>/src/<Project>/... for the product.
        var configuration = baseDir.Parent?.Name ?? "Debug";
        var root = RepositoryRoot.Find();
        string[] folders = [Path.Combine(root, "tests", "Samples", projectName, "bin"), Path.Combine(root, "src", projectName, "bin")];
        foreach (var folder in folders)
        {
            var inTree = Path.Combine(folder, configuration, baseDir.Name, projectName + ".dll");
            if (File.Exists(inTree))
            {
                return inTree;
            }
        }

        throw new FileNotFoundException(
            $"The built app {projectName}.dll was not found next to {AppContext.BaseDirectory} nor under {string.Join(" or ", folders)}. " +
            "Build the test project (it references the app).");
    }

    /// <summary>Waits until the app listens (<see cref="WaitForPortAsync"/>); if it does not, stops it before the error goes on.</summary>
    /// <param name="timeout">How long to wait for the port.</param>
    /// <returns>This host, listening.</returns>
    public async Task<ChildHost> ListeningAsync(TimeSpan timeout)
    {
        try
        {
            await WaitForPortAsync(timeout);
            return this;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the app accepts connections on <see cref="Port"/>; throws with the output if it exits first.</summary>
    public async Task WaitForPortAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"{_displayName} exited with code {ExitCode} before listening on port {Port}. Output:\n{await FinalOutputAsync()}");
            }

            if (await Loopback.AcceptsConnectionsAsync(Port))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{_displayName} did not listen on port {Port} within {timeout.TotalSeconds:0} s. Output:\n{Output}");
    }

    /// <summary>
    /// Everything the process wrote, once it has exited and its pipes are drained: lines still in them arrive after the exit. The wait
    /// is bounded because a child it left behind may hold the pipes open.
    /// </summary>
    public async Task<string> FinalOutputAsync()
    {
        if (_process is { HasExited: true } process)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return Output;
    }

    /// <summary>How many times the output contains <paramref name="text"/>.</summary>
    public int Count(string text) => System.Text.RegularExpressions.Regex.Count(Output, System.Text.RegularExpressions.Regex.Escape(text));

    /// <summary>Waits until the output contains <paramref name="text"/> at least <paramref name="times"/> times; false on timeout or exit.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout, int times = 1)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Count(text) >= times)
            {
                return true;
            }

            if (HasExited)
            {
                await FinalOutputAsync();
                return Count(text) >= times;
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>The first child process of the current process (Linux), for tests that kill a host's worker on its own.</summary>
    public int? ChildPid()
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
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                if (parent == Pid)
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

    /// <summary>Whether the process <paramref name="pid"/> is running (Linux; a zombie counts as ended).</summary>
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

    /// <summary>Sends <paramref name="signal"/> (a name such as <c>KILL</c> or a number) to <paramref name="pid"/>; returns kill's exit code.</summary>
    public static int Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false });
        if (kill is null)
        {
            return -1;
        }

        kill.WaitForExit();
        return kill.ExitCode;
    }

    /// <summary>Waits for the process to exit; returns its exit code, or null on timeout.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        if (_process is null)
        {
            return null;
        }

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

    /// <summary>Kills the process tree at once (SIGKILL), as a crash would, and waits until the port is free.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        await WaitForPortFreeAsync();
    }

    /// <summary>Asks the process to shut down (SIGTERM) and waits up to 30 s, then kills it.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            if (!OperatingSystem.IsWindows() && Signal(process.Id, "TERM") == 0 && await WaitForExitAsync(TimeSpan.FromSeconds(30)) is not null)
            {
                await WaitForPortFreeAsync();
                return;
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        await WaitForPortFreeAsync();
    }

    /// <summary>Starts the app again with the same environment and port (after <see cref="KillAsync"/> or <see cref="StopAsync"/>).</summary>
    /// <param name="timeout">How long to wait for the port (default 60 s).</param>
    public async Task RestartAsync(TimeSpan? timeout = null)
    {
        await KillAsync();
        StartProcess();
        await WaitForPortAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Http.Dispose();
    }

    private void StartProcess()
    {
        _process?.Dispose();
        var psi = new ProcessStartInfo(_fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _workingDirectory,
        };
        foreach (var argument in _arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in _environment)
        {
            psi.Environment[name] = value;
        }

        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {_fileName} {string.Join(' ', _arguments)}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitForPortFreeAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await Loopback.AcceptsConnectionsAsync(Port) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}
