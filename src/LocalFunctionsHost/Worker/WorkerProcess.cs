using System.Diagnostics;
using System.Text.Json.Nodes;
using LocalFunctionsHost.Cli;
using LocalFunctionsHost.Configuration;

namespace LocalFunctionsHost.Worker;

/// <summary>
/// The language worker process (<c>dotnet App.dll</c>). The worker does not notice when its host dies, so the host must end it
/// even when the host itself is killed: the worker is started through <c>setpriv --pdeathsig KILL</c>, which asks the kernel to
/// kill it when its parent goes. The kernel ties that to the parent <em>thread</em>, so the process is started from a thread
/// kept alive for the host's lifetime, never from a pool thread that may retire.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly ConsoleLog _log;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _release = new();
    private Process? _process;

    private WorkerProcess(ConsoleLog log) => _log = log;

    /// <summary>Completes with the exit code when the worker exits.</summary>
    public Task<int> Exited => _exited.Task;

    public int Id => _process?.Id ?? 0;

    public static string? FindWorkerPath(string scriptRoot, out string executable, out string? error)
    {
        executable = "dotnet";
        error = null;
        var configPath = Path.Combine(scriptRoot, "worker.config.json");
        if (!File.Exists(configPath))
        {
            error = $"No worker.config.json in {scriptRoot}: point --script-root at the build output of a .NET isolated-worker Functions app.";
            return null;
        }

        var description = JsonNode.Parse(File.ReadAllText(configPath))?["description"];
        executable = description?["defaultExecutablePath"]?.GetValue<string>() ?? "dotnet";
        var worker = description?["defaultWorkerPath"]?.GetValue<string>();
        if (string.IsNullOrEmpty(worker) || !File.Exists(Path.Combine(scriptRoot, worker)))
        {
            error = $"worker.config.json in {scriptRoot} names no existing defaultWorkerPath ('{worker}').";
            return null;
        }

        return Path.Combine(scriptRoot, worker);
    }

    public static WorkerProcess Start(HostSettings settings, string executable, string workerPath, Uri grpcUri, string workerId, ConsoleLog log)
    {
        var worker = new WorkerProcess(log);
        Exception? failure = null;
        using var started = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            try
            {
                worker.Launch(settings, executable, workerPath, grpcUri, workerId);
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                failure = e;
            }

            started.Set();
            worker._release.Wait();
        })
        { IsBackground = true, Name = "worker parent" };
        thread.Start();
        started.Wait();
        if (failure is not null)
        {
            throw new InvalidOperationException($"Could not start the worker '{executable} {workerPath}': {failure.Message}", failure);
        }

        return worker;
    }

    private void Launch(HostSettings settings, string executable, string workerPath, Uri grpcUri, string workerId)
    {
        var setpriv = File.Exists("/usr/bin/setpriv") ? "/usr/bin/setpriv" : File.Exists("/bin/setpriv") ? "/bin/setpriv" : null;
        var psi = new ProcessStartInfo(setpriv ?? executable)
        {
            WorkingDirectory = settings.ScriptRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (setpriv is not null)
        {
            foreach (var a in new[] { "--pdeathsig", "KILL", "--", executable })
            {
                psi.ArgumentList.Add(a);
            }
        }
        else
        {
            _log.Warn("setpriv (util-linux) was not found: the worker will outlive this host if the host is killed.");
        }

        // The 2.x worker reads only the --functions-* switches; without a maximum message length it rejects its first message.
        foreach (var a in new[]
                 {
                     workerPath, "--functions-uri", grpcUri.ToString(), "--functions-worker-id", workerId, "--functions-request-id", Guid.NewGuid().ToString(),
                     "--functions-grpc-max-message-length", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Clear();
        foreach (var (key, value) in settings.AppSettings)
        {
            psi.Environment[key] = value;
        }

        psi.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        psi.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = settings.ScriptRoot;
        psi.Environment["FUNCTIONS_WORKER_DIRECTORY"] = settings.ScriptRoot;
        psi.Environment.TryAdd("AZURE_FUNCTIONS_ENVIRONMENT", "Development");

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        // The worker's own console: its logs arrive over the log stream, so its stdout is noise unless asked for; stderr always shows.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 })
            {
                _log.Detail("[worker] " + e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 })
            {
                _log.Error("[worker] " + e.Data);
            }
        };
        process.Exited += (_, _) => _exited.TrySetResult(process.ExitCode);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Waits for the worker to exit by itself, then kills it.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process is null)
        {
            return;
        }

        if (await Task.WhenAny(Exited, Task.Delay(grace)) != Exited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited in between.
            }

            await Exited;
        }
    }

    public void Dispose()
    {
        _release.Set();
        _process?.Dispose();
        _release.Dispose();
    }
}
