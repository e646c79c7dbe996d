using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TwoZones.Functions.Catalogue;
using TwoZones.Functions.Dashboard;
using TwoZones.Functions.Identity;
using TwoZones.Functions.Indicators;
using TwoZones.Functions.Items;
using TwoZones.Functions.Progress;
using TwoZones.Storage.History;
using TwoZones.Storage.Seals;

namespace TwoZones.Functions.Hosting;

/// <summary>Registers the services behind the HTTP API.</summary>
internal static class ApiServiceCollectionExtensions
{
    /// <summary>Adds storage, identity, the progress caches, the history auditor and the item and catalogue services.</summary>
    public static IServiceCollection AddTwoZonesApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTwoZonesStorage(configuration);
        services.AddSingleton<ApiKeyDirectory>();
        services.AddSingleton<ProgressCache>();
        services.AddSingleton<AsOfProgressCache>();
        services.AddSingleton<HistoryAuditor>();
        services.AddSingleton<StalePeriod>();
        services.AddSingleton<StatusChanges>();
        services.AddSingleton<ItemEndpoints>();
        services.AddSingleton<IndicatorProgressCache>();
        services.AddSingleton<UploadedCatalogues>();
        services.AddSingleton<DashboardModelReader>();
        services.AddTwoZonesOfficeFormats(configuration);
        return services;
    }
}
