using Microsoft.Extensions.DependencyInjection;
using TwoZones.Functions.Catalogue;
using TwoZones.Functions.Exports;
using TwoZones.Functions.StatusUpdates;

namespace TwoZones.Functions.Hosting;

/// <summary>Registers the services behind the exports, sheet uploads, feeds, calendars and evidence files.</summary>
internal static class OfficeFormatsServiceCollectionExtensions
{
    /// <summary>Adds them.</summary>
    public static IServiceCollection AddTwoZonesOfficeFormats(this IServiceCollection services)
    {
        services.AddSingleton<StoredItems>();
        services.AddSingleton<SheetCatalogues>();
        services.AddSingleton<StatusUpdateAnswers>();
        return services;
    }
}
