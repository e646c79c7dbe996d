using System.Diagnostics;

namespace TwoZones.Testing;

/// <summary>
/// A private Azurite (Table, and optionally Blob and Queue) on free loopback ports, with its own data folder.
/// Never the default ports and never shared between test classes, so tests cannot see each other's data.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    /// <summary>The account key every Azurite accepts for <c>devstoreaccount1</c>; it is public and local-only.</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly bool _inMemory;
    private readonly bool _allServices;
    private Process? _process;
    private bool _exitedWhileStarting;

    private AzuriteInstance(bool inMemory, bool allServices)
    {
        _inMemory = inMemory;
        _allServices = allServices;
        DataDirectory = Directory.CreateTempSubdirectory("twozones-azurite-").FullName;
        TablePort = FreePort();
        BlobPort = allServices ? FreePort() : 0;
        QueuePort = allServices ? FreePort() : 0;
    }

    /// <summary>The loopback port of the Table service.</summary>
    public int TablePort { get; }

    /// <summary>The Blob port, or 0 when only tables were started.</summary>
    public int BlobPort { get; }

    /// <summary>The Queue port, or 0 when only tables were started.</summary>
    public int QueuePort { get; }

    /// <summary>Where Azurite keeps its files (deleted on dispose).</summary>
    public string DataDirectory { get; }

    /// <summary>Whether the emulator process is running now.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>An Azure Storage connection string for this instance.</summary>
    public string ConnectionString
    {
        get
        {
            var s = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};" +
                    $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";
            if (_allServices)
            {
                s += $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;";
            }

            return s;
        }
    }

    /// <summary>Starts a new instance and waits until it accepts connections.</summary>
    /// <param name="inMemory">Keep data in memory (fast); false persists to <see cref="DataDirectory"/> so a restart keeps data.</param>
    /// <param name="allServices">Also start Blob and Queue.</param>
    public static async Task<AzuriteInstance> StartNewAsync(bool inMemory = false, bool allServices = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var instance = new AzuriteInstance(inMemory, allServices);
            try
            {
                await instance.StartAsync();
                return instance;
            }
            catch (InvalidOperationException) when (instance._exitedWhileStarting && attempt < 3)
            {
                // A port found free was taken by another process before Azurite bound it (EADDRINUSE): new ports, new instance.
                await instance.DisposeAsync();
            }
        }
    }

    /// <summary>Starts the emulator (again) on the same ports and data folder.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var root = RepositoryRoot.Find();
        var main = Path.Combine(root, "node_modules", "azurite", "dist", "src", _allServices ? "azurite.js" : Path.Combine("table", "main.js"));
        if (!File.Exists(main))
        {
            throw new InvalidOperationException($"Azurite is not installed at {main}. Run 'npm ci' in {root} (./test.sh does this).");
        }

        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        // For finding where Azurite spends its time under a benchmark, e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles" (node refuses these in
        // NODE_OPTIONS). The profile is written when Azurite exits on SIGINT, not when it is killed.
        if (Environment.GetEnvironmentVariable("TWOZONES_AZURITE_NODE_ARGS") is { Length: > 0 } nodeArgs)
        {
            foreach (var nodeArg in nodeArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                psi.ArgumentList.Add(nodeArg);
            }
        }

        psi.ArgumentList.Add(main);
        foreach (var arg in Arguments())
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line && errors.Count < 20)
            {
                errors.Enqueue(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                _exitedWhileStarting = true;
                throw new InvalidOperationException(
                    $"Azurite exited with code {process.ExitCode} while starting on port {TablePort}: {string.Join(" | ", errors)}");
            }

            if (await Loopback.AcceptsConnectionsAsync(TablePort) && (!_allServices || (await Loopback.AcceptsConnectionsAsync(BlobPort) && await Loopback.AcceptsConnectionsAsync(QueuePort))))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Azurite did not listen on port {TablePort} within 120 s.");
    }

    /// <summary>Kills the emulator, as an outage would; <see cref="StartAsync"/> brings it back with its data (unless in memory).</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;

        // The port must be free again before a restart can bind it.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await Loopback.AcceptsConnectionsAsync(TablePort) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Stops the emulator with SIGINT, so it saves what it has acknowledged before it exits (it writes its database to disk
    /// only every few seconds, which a kill would lose and real storage never does), then waits until its port is free.
    /// </summary>
    public async Task StopGracefullyAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false }))
            {
                kill?.WaitForExit();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Not gone in time: a hard stop is still a stop.
            }
        }

        await StopAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process: the temp folder is cleaned by the OS eventually.
        }
    }

    private IEnumerable<string> Arguments()
    {
        // Azurite reports usage to Microsoft unless told not to; tests and benchmarks have no business sending anything out.
        yield return "--disableTelemetry";
        yield return "--tableHost";
        yield return "127.0.0.1";
        yield return "--tablePort";
        yield return TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (_allServices)
        {
            yield return "--blobHost";
            yield return "127.0.0.1";
            yield return "--blobPort";
            yield return BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return "--queueHost";
            yield return "127.0.0.1";
            yield return "--queuePort";
            yield return QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // Azurite refuses --location together with --inMemoryPersistence.
        if (!_inMemory)
        {
            yield return "--location";
            yield return DataDirectory;
        }

        yield return "--skipApiVersionCheck";
        yield return "--disableProductStyleUrl";
        yield return "--silent";
        if (_inMemory)
        {
            yield return "--inMemoryPersistence";
        }

        // For diagnosing what a benchmark or test asks of storage: Azurite's debug log records every request (and slows it down).
        if (Environment.GetEnvironmentVariable("TWOZONES_AZURITE_DEBUG_LOG") is { Length: > 0 } debugLog)
        {
            yield return "--debug";
            yield return debugLog;
        }
    }

    /// <summary>A loopback port that nothing listens on and that no other test process has been given lately.</summary>
    public static int FreePort() => Loopback.FreePort();
}
