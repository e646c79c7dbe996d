using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace TwoZones.Functions.Digests;

/// <summary>Settings of the weekly digest (section <c>TwoZones</c>).</summary>
public sealed class DigestOptions
{
    /// <summary>Where digests are POSTed (<c>TwoZones:DigestWebhookUrl</c>); no delivery when empty.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>Delivery attempts in all, the first included (<c>TwoZones:DigestDeliveryAttempts</c>, default 4).</summary>
    public int DeliveryAttempts { get; init; } = 4;

    /// <summary>Delay before the first retry, doubling after each (<c>TwoZones:DigestDeliveryFirstRetryInterval</c>, default 2 s).</summary>
    public TimeSpan DeliveryFirstRetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one delivery attempt may take (<c>TwoZones:DigestDeliveryTimeout</c>, default 30 s).</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads the settings; malformed values fall back to the defaults.</summary>
    /// <param name="configuration">The app configuration.</param>
    /// <returns>The settings.</returns>
    public static DigestOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new DigestOptions();
        var url = configuration["TwoZones:DigestWebhookUrl"];
        return new DigestOptions
        {
            WebhookUrl = Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null,
            DeliveryAttempts = int.TryParse(configuration["TwoZones:DigestDeliveryAttempts"], NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) && attempts >= 1
                ? attempts
                : defaults.DeliveryAttempts,
            DeliveryFirstRetryInterval = Interval(configuration["TwoZones:DigestDeliveryFirstRetryInterval"]) ?? defaults.DeliveryFirstRetryInterval,
            DeliveryTimeout = Interval(configuration["TwoZones:DigestDeliveryTimeout"]) ?? defaults.DeliveryTimeout,
        };
    }

    private static TimeSpan? Interval(string? text) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero ? value : null;
}
