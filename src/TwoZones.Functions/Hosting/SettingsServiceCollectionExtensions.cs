using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TwoZones.Functions.Digests;

namespace TwoZones.Functions.Hosting;

/// <summary>Binds the <c>TwoZones:*</c> settings and has them checked before the app starts.</summary>
internal static class SettingsServiceCollectionExtensions
{
    /// <summary>The configuration section of the app's own settings.</summary>
    public const string Section = "TwoZones";

    /// <summary>Adds <see cref="DigestOptions"/>, <see cref="ScheduleOptions"/>, <see cref="TableOptions"/> and <see cref="StaleOptions"/>, validated at start.</summary>
    public static IServiceCollection AddTwoZonesSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DigestOptions>, SettingsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScheduleOptions>, SettingsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TableOptions>, SettingsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StaleOptions>, SettingsValidator>());
        Bind<DigestOptions>(services, configuration);
        Bind<ScheduleOptions>(services, configuration);
        Bind<TableOptions>(services, configuration);
        Bind<StaleOptions>(services, configuration);
        services.PostConfigure<DigestOptions>(o =>
        {
            // An empty setting binds to an empty relative URI: it means no delivery.
            if (o.WebhookUrl is { OriginalString.Length: 0 })
            {
                o.WebhookUrl = null;
            }
        });
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DigestOptions>>().Value);
        return services;
    }

    private static void Bind<T>(IServiceCollection services, IConfiguration configuration)
        where T : class
    {
        services.AddOptions<T>()
            .Configure(options =>
            {
                try
                {
                    configuration.GetSection(Section).Bind(options);
                }
                catch (InvalidOperationException e)
                {
                    // The binder's own message names the setting and the value it could not convert.
                    throw new OptionsValidationException(Options.DefaultName, typeof(T), [e.Message]);
                }
            })
            .ValidateOnStart();
    }
}
