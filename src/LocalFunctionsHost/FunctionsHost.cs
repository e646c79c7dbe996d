using System.Net;
using System.Runtime.InteropServices;
using LocalFunctionsHost.Cli;
using LocalFunctionsHost.Configuration;
using LocalFunctionsHost.Extensions;
using LocalFunctionsHost.Http;
using LocalFunctionsHost.Protos;
using LocalFunctionsHost.Timers;
using LocalFunctionsHost.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LocalFunctionsHost;

/// <summary>
/// One run of <c>func start</c>: launch the worker, learn its functions, serve their triggers, stop in order. Any start-up
/// failure is one line on stderr and exit code 1, as is the worker dying while the host runs.
/// </summary>
/// <remarks>
/// Longer than most files here because start and stop are one ordered sequence each (worker, metadata, extensions, HTTP, timers;
/// then the reverse, with their time limits), and reading each in one place is what makes the order checkable.
/// </remarks>
internal static class FunctionsHost
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a stop may take in all: in-flight requests drain within <see cref="DrainTimeout"/>, the rest is quick unless storage is gone.</summary>
    private static readonly TimeSpan ShutdownLimit = TimeSpan.FromSeconds(45);

    /// <summary>How long one extension may take to stop; the Durable one waits on storage to hand back its leases.</summary>
    private static readonly TimeSpan ExtensionStopLimit = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(CommandLine cli)
    {
        var log = new ConsoleLog(cli.Verbose);
        var settings = HostSettings.Load(cli, out var error);
        var workerPath = settings is null ? null : WorkerProcess.FindWorkerPath(settings.ScriptRoot, out _, out error);
        if (settings is null || workerPath is null)
        {
            log.Error(error!);
            return 1;
        }

        WorkerProcess.FindWorkerPath(settings.ScriptRoot, out var executable, out _);
        using var stopping = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stopping.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stopping.Cancel(); });

        var channel = new WorkerChannel(log);
        await using var grpc = BuildGrpcServer(channel, cli.Verbose);
        await grpc.StartAsync();
        var grpcUri = new Uri(grpc.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

        using var worker = WorkerProcess.Start(settings, executable, workerPath, grpcUri, Guid.NewGuid().ToString(), log);
        WebApplication? http = null;
        try
        {
            var started = await StartAsync(cli, settings, channel, worker, log, stopping.Token);
            if (started is null)
            {
                return 1;
            }

            http = started.Value.Http;
            var (_, invoker, timers, extensions) = started.Value;
            using var timerStop = new CancellationTokenSource();
            var timerTasks = timers.Select(t => Task.Run(() => t.RunAsync(timerStop.Token), CancellationToken.None)).ToList();
            log.Info("Host started. Press Ctrl+C to shut down.");

            var stopRequested = Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            var ended = await Task.WhenAny(stopRequested, worker.Exited, channel.Disconnected);
            if (ended != stopRequested)
            {
                var code = await Task.WhenAny(worker.Exited, Task.Delay(2000)) == worker.Exited ? worker.Exited.Result.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown";
                log.Error($"The worker process exited unexpectedly (exit code {code}); stopping the host.");
                return 1;
            }

            log.Info("Stopping the host: draining in-flight invocations.");
            var graceful = StopGracefullyAsync(http, timerStop, timerTasks, extensions, invoker, channel, worker);
            if (await Task.WhenAny(graceful, Task.Delay(ShutdownLimit, CancellationToken.None)) != graceful)
            {
                // Typically storage went away first: the extensions' stop waits on it for minutes. A stop the user asked for
                // must end; the worker is ended below, and the Durable leases expire by themselves.
                log.Warn($"The host did not stop within {ShutdownLimit.TotalSeconds:0} s; ending the worker now.");
                return 0;
            }

            log.Info("The host stopped.");
            return 0;
        }
        finally
        {
            if (!worker.Exited.IsCompleted)
            {
                await worker.StopAsync(TimeSpan.Zero);
            }

            if (http is not null)
            {
                await http.DisposeAsync();
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await grpc.StopAsync(limit.Token);
        }
    }

    private static async Task<(WebApplication Http, FunctionInvoker Invoker, IReadOnlyList<TimerTrigger> Timers, IReadOnlyList<IBindingExtension> Extensions)?> StartAsync(
        CommandLine cli, HostSettings settings, WorkerChannel channel, WorkerProcess worker, ConsoleLog log, CancellationToken stopping)
    {
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        startup.CancelAfter(StartupTimeout);

        // Every step races the worker's exit, so a worker that dies at start is one clear line, not a timeout.
        async Task<T?> Step<T>(Task<T> step, string what)
            where T : class
        {
            var done = await Task.WhenAny(step, worker.Exited, Task.Delay(Timeout.Infinite, startup.Token).ContinueWith(_ => { }, TaskScheduler.Default));
            if (done == step && step.IsCompletedSuccessfully)
            {
                return step.Result;
            }

            log.Error(worker.Exited.IsCompleted
                ? $"The worker process exited with code {worker.Exited.Result} while {what}."
                : done == step ? $"The worker failed while {what}: {step.Exception?.GetBaseException().Message}" : $"The worker did not answer within {StartupTimeout.TotalSeconds:0} s while {what}.");
            return null;
        }

        if (await Step(channel.Connected, "starting") is null)
        {
            return null;
        }

        var init = await Step(channel.InitializeAsync(settings.ScriptRoot, startup.Token), "initializing");
        if (init is null || init.Result?.Status != StatusResult.Types.Status.Success)
        {
            if (init is not null)
            {
                log.Error($"The worker's initialization failed: {init.Result?.Exception?.Message}");
            }

            return null;
        }

        // A worker with the ASP.NET Core integration reports its own HTTP server; one without it (the classic
        // HttpRequestData model) expects requests and responses inside the invocation messages.
        var workerHttpUri = init.Capabilities.TryGetValue("HttpUri", out var httpUri) && httpUri.Length > 0 ? new Uri(httpUri) : null;
        var nullableHttpValues = init.Capabilities.TryGetValue("UseNullableValueDictionaryForHttp", out var nullable) && nullable.Length > 0;

        var metadata = await Step(channel.GetMetadataAsync(settings.ScriptRoot, startup.Token), "indexing functions");
        if (metadata is null || metadata.Result?.Status != StatusResult.Types.Status.Success)
        {
            if (metadata is not null)
            {
                log.Error($"The worker could not index the app's functions: {metadata.Result?.Exception?.Message}");
            }

            return null;
        }

        var functions = metadata.FunctionMetadataResults.Select(FunctionDescriptor.From).ToList();
        var extensions = BindingExtensions.Create(settings, functions, cli.Verbose);
        if (BindingExtensions.FindUnsupported(functions, extensions) is { } unsupported)
        {
            log.Error(unsupported);
            return null;
        }

        var active = new List<IBindingExtension>();
        foreach (var extension in extensions)
        {
            var own = functions.Where(f => f.Bindings.Any(b => extension.BindingTypes.Contains(b.Type))).ToList();
            if (own.Count > 0)
            {
                extension.Register(own);
                active.Add(extension);
            }
        }

        var timerFunctions = functions.Where(f => string.Equals(f.Trigger?.Type, "timerTrigger", StringComparison.OrdinalIgnoreCase)).ToList();
        StorageAccount? storage = null;
        if (timerFunctions.Count > 0 || active.Any(e => e.NeedsStorage))
        {
            (storage, var storageError) = await StorageAccount.ConnectAsync(settings[StorageAccount.SettingName], startup.Token);
            if (storage is null)
            {
                log.Error(storageError!);
                return null;
            }
        }

        foreach (var function in functions)
        {
            var loaded = await Step(channel.LoadAsync(function, startup.Token), $"loading '{function.Name}'");
            if (loaded is null)
            {
                return null;
            }

            if (loaded.Result?.Status != StatusResult.Types.Status.Success)
            {
                log.Error($"Function '{function.Name}' could not be loaded: {loaded.Result?.Exception?.Message}");
                return null;
            }
        }

        var byName = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var invoker = new FunctionInvoker(channel, byName, active, settings.FunctionTimeout, log);
        var hostId = HostId.For(settings);
        var timers = new List<TimerTrigger>();
        foreach (var function in timerFunctions)
        {
            var timer = TimerTrigger.Create(function, v => (settings.Resolve(v, out var missing), missing), storage!.Hosts, hostId, invoker, log, out var timerError);
            if (timer is null)
            {
                log.Error(timerError!);
                return null;
            }

            timers.Add(timer);
        }

        var endpoints = new HttpFunctionEndpoints(invoker, workerHttpUri, nullableHttpValues, settings.RoutePrefix);
        // The port is taken before the extensions start (so a busy port fails fast), but no function runs until they have:
        // a request that needs the Durable client would otherwise find it not there yet.
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var http = BuildHttpServer(settings.Port, cli.Verbose, app =>
        {
            app.Use(async (context, next) =>
            {
                await ready.Task.WaitAsync(context.RequestAborted);
                await next(context);
            });
            foreach (var function in functions.Where(f => string.Equals(f.Trigger?.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase)))
            {
                endpoints.Map(app, function);
            }

            foreach (var extension in active)
            {
                extension.MapEndpoints(app);
            }
        });
        try
        {
            await http.StartAsync(startup.Token);
        }
        catch (IOException e)
        {
            log.Error($"Port {settings.Port} is unavailable ({e.Message}). Close the process using that port, or specify another port using --port [-p].");
            await http.DisposeAsync();
            return null;
        }

        var baseUri = new Uri($"http://127.0.0.1:{settings.Port}/");
        foreach (var extension in active)
        {
            try
            {
                await extension.StartAsync(invoker, new ExtensionContext(settings, baseUri, hostId), startup.Token);
            }
            catch (Exception e)
            {
                // One line, as for every start-up failure; the storage SDK's messages run over many lines.
                log.Error($"The {extension.Name} extension could not start: {FirstLine(e)}");
                foreach (var started in active.TakeWhile(x => x != extension))
                {
                    using var limit = new CancellationTokenSource(DrainTimeout);
                    await started.StopAsync(limit.Token);
                }

                await http.DisposeAsync();
                return null;
            }
        }

        ready.TrySetResult();
        log.Plain("");
        log.Plain("Functions:");
        log.Plain("");
        foreach (var function in functions.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var trigger = function.Trigger;
            if (string.Equals(trigger?.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase))
            {
                var methods = HttpFunctionEndpoints.Methods(function);
                var list = methods.Count == 0 ? "" : $"[{string.Join(',', methods)}] ";
                log.Plain($"  {function.Name}: {list}{baseUri}{endpoints.Template(function)}");
            }
            else
            {
                log.Plain($"  {function.Name}: {trigger?.Type}");
            }
        }

        log.Plain("");
        return (http, invoker, timers, active);
    }

    private static string FirstLine(Exception e)
    {
        var message = (e is AggregateException { InnerException: { } inner } ? inner : e).Message;
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).Trim();
    }

    private static WebApplication BuildGrpcServer(WorkerChannel channel, bool verbose)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        Configure(builder, verbose);
        // The worker speaks HTTP/2 without TLS (prior knowledge), which Kestrel serves only on an HTTP/2-only endpoint.
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = null;
            o.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(channel);
        var app = builder.Build();
        app.MapGrpcService<FunctionRpcService>();
        return app;
    }

    private static async Task StopGracefullyAsync(
        WebApplication http, CancellationTokenSource timerStop, List<Task> timerTasks, IReadOnlyList<IBindingExtension> extensions,
        FunctionInvoker invoker, WorkerChannel channel, WorkerProcess worker)
    {
        using (var drain = new CancellationTokenSource(DrainTimeout))
        {
            await http.StopAsync(drain.Token);
        }

        await timerStop.CancelAsync();
        await Task.WhenAny(Task.WhenAll(timerTasks), Task.Delay(DrainTimeout));
        foreach (var extension in extensions)
        {
            using var limit = new CancellationTokenSource(ExtensionStopLimit);
            var stopped = extension.StopAsync(limit.Token);
            await Task.WhenAny(stopped, Task.Delay(ExtensionStopLimit, CancellationToken.None));
        }

        await invoker.DrainAsync(DrainTimeout);
        channel.Terminate(TimeSpan.FromSeconds(5));
        await worker.StopAsync(TimeSpan.FromSeconds(10));
    }

    private static WebApplication BuildHttpServer(int port, bool verbose, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        Configure(builder, verbose);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            // Kestrel's own rejections (bad request line, too-long target or headers, no Host) get a problem+json body too.
            k.Listen(IPAddress.Loopback, port, listen => listen.UseRejectionProblems());
            // As the Functions host: request bodies up to 100 MB.
            k.Limits.MaxRequestBodySize = 100 * 1024 * 1024;
        });
        builder.Services.AddRouting();
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        app.Use(ProblemResponses.OnUnmatched);
        app.Use(ProblemResponses.RejectNonAsciiHeaders);
        app.UseRouting();
        map(app);
        return app;
    }

    private static void Configure(WebApplicationBuilder builder, bool verbose)
    {
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        // These two log every request's URL at Information, query string included, and with it a function key passed as
        // ?code=; the host's console must not show keys, so they speak only when something goes wrong.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "[yyyy-MM-ddTHH:mm:ss.fffZ] ";
        });
    }
}
