using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>Registers the local runtime in an app's services.</summary>
internal static class LocalRuntime
{
    private static int s_exitHookInstalled;

    /// <summary>The worker builder over <paramref name="services"/>, created on first use.</summary>
    public static IFunctionsWorkerApplicationBuilder AddWorker(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(WorkerApplicationBuilder))?.ImplementationInstance;
        if (existing is WorkerApplicationBuilder builder)
        {
            return builder;
        }

        var middleware = new WorkerMiddlewareList();
        builder = new WorkerApplicationBuilder(services, middleware);
        services.AddSingleton(middleware);
        services.AddSingleton(builder);
        return builder;
    }

    /// <summary>Adds the host: function discovery and invocation, HTTP on Kestrel, timers, storage and the installed extensions.</summary>
    public static void AddHost(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(FunctionsHostService)))
        {
            return;
        }

        AddWorker(services);
        InstallStartupFailureExit();

        // As Core Tools: the function log lines, not one per request from ASP.NET Core.
        services.AddLogging(logging => logging
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
        services.AddOptions<LocalHostOptions>().Configure<IConfiguration>(HostJsonReader.Configure);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LocalHostOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => StorageConnection.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateTableServiceClient());

        services.AddSingleton<FunctionCatalog>();
        services.AddSingleton<ParameterBinder>();
        services.AddSingleton<FunctionInvoker>();
        services.AddSingleton<IFunctionInvoker>(sp => sp.GetRequiredService<FunctionInvoker>());

        services.AddRouting();
        services.AddMvcCore();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelListenSetup>();
        services.AddSingleton<HttpTriggerProvider>();
        services.AddSingleton<ITriggerProvider>(sp => sp.GetRequiredService<HttpTriggerProvider>());
        services.AddSingleton<TimerScheduleStore>();
        services.AddSingleton<TimerTriggerProvider>();
        services.AddSingleton<ITriggerProvider>(sp => sp.GetRequiredService<TimerTriggerProvider>());
        services.AddTransient<IStartupFilter, FunctionsStartupFilter>();
        services.AddSingleton<FunctionsHostService>();
        services.AddHostedService(sp => sp.GetRequiredService<FunctionsHostService>());

        foreach (var type in typeof(LocalRuntime).Assembly.GetTypes())
        {
            if (type is { IsAbstract: false, IsInterface: false } && typeof(ILocalExtensionStartup).IsAssignableFrom(type))
            {
                ((ILocalExtensionStartup)Activator.CreateInstance(type, nonPublic: true)!).Configure(services);
            }
        }
    }

    // A start-up failure is the app's configuration, not a crash: print the one-line reason and exit 1 instead of a stack dump.
    private static void InstallStartupFailureExit()
    {
        if (Interlocked.Exchange(ref s_exitHookInstalled, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is LocalStartupException failure)
            {
                Console.Out.Flush();
                Console.Error.WriteLine(failure.Message);
                Console.Error.Flush();
                Environment.Exit(1);
            }
        };
    }
}
