using Microsoft.Extensions.Configuration;

namespace TwoZones.Functions.Digests;

/// <summary>Settings of the weekly digest (section <c>TwoZones</c>), bound and checked at start by <see cref="Hosting.SettingsValidator"/>.</summary>
public sealed class DigestOptions
{
    /// <summary>Where digests are POSTed (<c>TwoZones:DigestWebhookUrl</c>, an absolute http or https URL); no delivery when empty.</summary>
    [ConfigurationKeyName("DigestWebhookUrl")]
    public Uri? WebhookUrl { get; set; }

    /// <summary>Delivery attempts in all, the first included (<c>TwoZones:DigestDeliveryAttempts</c>, at least 1, default 4).</summary>
    [ConfigurationKeyName("DigestDeliveryAttempts")]
    public int DeliveryAttempts { get; set; } = 4;

    /// <summary>Delay before the first retry, doubling after each (<c>TwoZones:DigestDeliveryFirstRetryInterval</c>, default 2 s).</summary>
    [ConfigurationKeyName("DigestDeliveryFirstRetryInterval")]
    public TimeSpan DeliveryFirstRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one delivery attempt may take (<c>TwoZones:DigestDeliveryTimeout</c>, default 30 s).</summary>
    [ConfigurationKeyName("DigestDeliveryTimeout")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
