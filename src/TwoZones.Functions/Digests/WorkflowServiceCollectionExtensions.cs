using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TwoZones.Functions.Hosting;
using TwoZones.Storage;
using TwoZones.Storage.Digests;

namespace TwoZones.Functions.Digests;

/// <summary>Registers what the trackers, the snapshot timer and the weekly digest need.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Adds the workflow services (call after the settings and storage registrations, which provide <see cref="DigestOptions"/> and <see cref="TwoZonesTables"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app configuration (<c>TwoZones:*</c>).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddTwoZonesWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SnapshotRepository>();
        services.TryAddSingleton(sp => new DigestRepository(
            sp.GetRequiredService<TwoZonesTables>().Service, sp.GetRequiredService<IOptions<TableOptions>>().Value.TablePrefix + DigestRepository.DefaultTableName));
        services.TryAddSingleton<DigestStarter>();
        services.AddHttpClient(WeeklyDigestActivities.HttpClientName);
        return services;
    }
}
