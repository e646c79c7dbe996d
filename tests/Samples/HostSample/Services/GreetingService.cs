using Microsoft.Extensions.Configuration;

namespace HostSample.Services;

/// <summary>A DI service, configured from app settings (local.settings.json Values, overridable by environment).</summary>
public sealed class GreetingService(IConfiguration configuration)
{
    public string Greet(string name) => $"{configuration["Sample:Greeting"] ?? "Hi"}, {name}!";
}
