using Microsoft.AspNetCore.Builder;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwoZones.Functions.Local.Hosting;

namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>Builds a functions app: services, configuration, logging and the worker middleware pipeline.</summary>
public class FunctionsApplicationBuilder : IHostApplicationBuilder, IFunctionsWorkerApplicationBuilder
{
    // A web application builder, so the ASP.NET Core integration shares the app's container and configuration.
    private readonly WebApplicationBuilder _web;
    private readonly IFunctionsWorkerApplicationBuilder _worker;
    private bool _built;

    internal FunctionsApplicationBuilder(string[]? args)
    {
        LocalSettings.ApplyToEnvironment();
        _web = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        _worker = LocalRuntime.AddWorker(_web.Services);
    }

    /// <inheritdoc />
    public IDictionary<object, object> Properties => ((IHostApplicationBuilder)_web).Properties;

    /// <inheritdoc />
    IConfigurationManager IHostApplicationBuilder.Configuration => Configuration;

    /// <summary>The app's configuration.</summary>
    public ConfigurationManager Configuration => _web.Configuration;

    /// <inheritdoc />
    public IHostEnvironment Environment => _web.Environment;

    /// <inheritdoc />
    public ILoggingBuilder Logging => _web.Logging;

    /// <inheritdoc />
    public IMetricsBuilder Metrics => _web.Metrics;

    /// <inheritdoc cref="IHostApplicationBuilder.Services" />
    public IServiceCollection Services => _web.Services;

    internal bool IsWebApplicationConfigured { get; set; }

    /// <summary>Builds the host; <c>Run()</c> on it serves the functions.</summary>
    public IHost Build()
    {
        if (_built)
        {
            throw new InvalidOperationException("The application has already been built.");
        }

        _built = true;
        return _web.Build();
    }

    /// <inheritdoc />
    public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null)
        where TContainerBuilder : notnull
        => ((IHostApplicationBuilder)_web).ConfigureContainer(factory, configure);

    /// <inheritdoc />
    public IFunctionsWorkerApplicationBuilder Use(Func<FunctionExecutionDelegate, FunctionExecutionDelegate> middleware)
    {
        if (_built)
        {
            throw new InvalidOperationException("The application has already been built.");
        }

        return _worker.Use(middleware);
    }
}
