using Microsoft.Extensions.DependencyInjection;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>
/// Registers a built-in extension (such as Durable Functions) when the app calls
/// <c>ConfigureFunctionsWebApplication()</c>, as the official worker registers installed extensions.
/// The host finds every non-abstract implementation in this assembly and creates it with its parameterless constructor.
/// </summary>
internal interface ILocalExtensionStartup
{
    /// <summary>Adds the extension's services: trigger providers, input binding providers, endpoint contributors, clients.</summary>
    void Configure(IServiceCollection services);
}
