using Microsoft.AspNetCore.Hosting;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Functions.Local.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>ASP.NET Core integration for a generic <see cref="IHostBuilder"/>.</summary>
public static class FunctionsHostBuilderExtensions
{
    private const string ConfiguredKey = "__FunctionsAspNetCoreConfigured";

    /// <summary>Serves the app's functions: HTTP triggers on Kestrel (ASP.NET Core types in and out), timers and installed extensions.</summary>
    /// <param name="builder">The host builder.</param>
    public static IHostBuilder ConfigureFunctionsWebApplication(this IHostBuilder builder)
        => builder.ConfigureFunctionsWebApplication((_, _) => { });

    /// <summary>As <see cref="ConfigureFunctionsWebApplication(IHostBuilder)"/>, then configures the worker.</summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="configureWorker">Adds middleware and services to the worker.</param>
    public static IHostBuilder ConfigureFunctionsWebApplication(this IHostBuilder builder, Action<IFunctionsWorkerApplicationBuilder> configureWorker)
        => builder.ConfigureFunctionsWebApplication((_, worker) => configureWorker?.Invoke(worker));

    /// <summary>As <see cref="ConfigureFunctionsWebApplication(IHostBuilder)"/>, then configures the worker with the host context.</summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="configureWorker">Adds middleware and services to the worker.</param>
    public static IHostBuilder ConfigureFunctionsWebApplication(this IHostBuilder builder, Action<HostBuilderContext, IFunctionsWorkerApplicationBuilder> configureWorker)
    {
        ArgumentNullException.ThrowIfNull(builder);
        LocalSettings.ApplyToEnvironment();
        builder.ConfigureServices((context, services) =>
        {
            var worker = LocalRuntime.AddWorker(services);
            configureWorker?.Invoke(context, worker);
        });

        if (builder.Properties.TryGetValue(ConfiguredKey, out var configured) && configured is true)
        {
            return builder;
        }

        builder.Properties[ConfiguredKey] = true;
        builder.ConfigureServices(LocalRuntime.AddHost);
        builder.ConfigureWebHost(web => web.UseKestrel().Configure(_ => { }));
        return builder;
    }
}
