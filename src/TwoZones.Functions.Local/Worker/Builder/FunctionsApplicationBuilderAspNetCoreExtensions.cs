using TwoZones.Functions.Local.Hosting;

namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>ASP.NET Core integration for <see cref="FunctionsApplicationBuilder"/>.</summary>
public static class FunctionsApplicationBuilderAspNetCoreExtensions
{
    /// <summary>Serves the app's functions: HTTP triggers on Kestrel (ASP.NET Core types in and out), timers and installed extensions.</summary>
    /// <param name="builder">The app builder.</param>
    public static FunctionsApplicationBuilder ConfigureFunctionsWebApplication(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.IsWebApplicationConfigured)
        {
            builder.IsWebApplicationConfigured = true;
            LocalRuntime.AddHost(builder.Services);
        }

        return builder;
    }
}
