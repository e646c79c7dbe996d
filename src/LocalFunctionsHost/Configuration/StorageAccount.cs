using Azure;
using Azure.Core;
using Azure.Storage.Blobs;

namespace LocalFunctionsHost.Configuration;

/// <summary>
/// <c>AzureWebJobsStorage</c>: where timers keep their schedule status and listener locks, in the Functions host's own layout
/// (container <c>azure-webjobs-hosts</c>). <c>UseDevelopmentStorage=true</c> means Azurite on 127.0.0.1:10000-10002.
/// </summary>
internal sealed class StorageAccount
{
    public const string SettingName = "AzureWebJobsStorage";
    public const string HostsContainer = "azure-webjobs-hosts";

    private StorageAccount(string connectionString, BlobServiceClient blobs)
    {
        ConnectionString = connectionString;
        Blobs = blobs;
    }

    public string ConnectionString { get; }

    public BlobServiceClient Blobs { get; }

    public BlobContainerClient Hosts => Blobs.GetBlobContainerClient(HostsContainer);

    /// <summary>Connects and creates the hosts container; on failure returns null and one line naming the endpoint.</summary>
    public static async Task<(StorageAccount? Account, string? Error)> ConnectAsync(string? connectionString, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return (null, $"{SettingName} is not set; timers and Durable functions need a storage account (UseDevelopmentStorage=true for Azurite).");
        }

        BlobServiceClient blobs;
        try
        {
            // Few, short retries: an unreachable account at start is a configuration error to report, not an outage to ride out.
            var options = new BlobClientOptions { Retry = { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(200), Mode = RetryMode.Fixed, NetworkTimeout = TimeSpan.FromSeconds(5) } };
            blobs = new BlobServiceClient(connectionString, options);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return (null, $"{SettingName} is not a valid storage connection string: {e.Message}");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            await blobs.GetBlobContainerClient(HostsContainer).CreateIfNotExistsAsync(cancellationToken: timeout.Token);
            return (new StorageAccount(connectionString, blobs), null);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or AggregateException or System.Net.Http.HttpRequestException)
        {
            var reason = e is OperationCanceledException ? "no answer within 15 s" : e.GetBaseException().Message.Split('\n')[0].Trim();
            return (null, $"Storage is unreachable at {blobs.Uri} ({SettingName}): {reason}");
        }
    }
}
