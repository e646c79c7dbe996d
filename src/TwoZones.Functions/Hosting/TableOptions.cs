using Microsoft.Extensions.Configuration;

namespace TwoZones.Functions.Hosting;

/// <summary>Where the app's tables live (section <c>TwoZones</c>).</summary>
public sealed class TableOptions
{
    /// <summary>Longest prefix: Azure table names have at most 63 characters and the longest of the app's own is well under 23.</summary>
    public const int MaxPrefixLength = 40;

    /// <summary><c>TwoZones:TablePrefix</c>: put before every table name, so several deployments can share one account (letters and digits, starting with a letter).</summary>
    [ConfigurationKeyName("TablePrefix")]
    public string TablePrefix { get; set; } = string.Empty;
}
