using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>The app's storage account from the <c>AzureWebJobsStorage</c> setting (any Azure Storage connection string).</summary>
internal sealed class StorageConnection
{
    /// <summary>The setting that names the storage account.</summary>
    public const string SettingName = "AzureWebJobsStorage";

    private StorageConnection(string connectionString)
    {
        ConnectionString = connectionString;
        TableEndpoint = new TableServiceClient(connectionString).Uri;
    }

    /// <summary>The connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>The Table service endpoint.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>The endpoint without the account path, as start-up messages show it.</summary>
    public string DisplayEndpoint => TableEndpoint.GetLeftPart(UriPartial.Authority);

    /// <summary>Reads the setting; development storage when it is not set.</summary>
    public static StorageConnection FromConfiguration(IConfiguration configuration)
    {
        var value = configuration[SettingName] ?? Environment.GetEnvironmentVariable(SettingName);
        try
        {
            return new StorageConnection(string.IsNullOrWhiteSpace(value) ? "UseDevelopmentStorage=true" : value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
        {
            throw new LocalStartupException($"{SettingName} is not a valid Azure Storage connection string: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <summary>
    /// The client the app and the runtime share. Retries are short: locally an outage should surface as a 503 in about
    /// a second, not after the SDK's default backoff.
    /// </summary>
    public TableServiceClient CreateTableServiceClient()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return new TableServiceClient(ConnectionString, options);
    }

    /// <summary>A client that fails at once, for probing whether storage answers.</summary>
    public TableServiceClient CreateProbeClient()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(3);
        return new TableServiceClient(ConnectionString, options);
    }
}
