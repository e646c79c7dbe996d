using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using TwoZones.Core.Lifecycle;
using TwoZones.Testing;

namespace TwoZones.Storage.Tests;

public class HangingStorageTests
{
    [Fact]
    public async Task A_storage_endpoint_that_accepts_but_never_answers_is_reported_unavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var acceptLoop = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    accepted.Add(await listener.AcceptTcpClientAsync(stop.Token));
                }
            }
            catch (OperationCanceledException)
            {
                // Test over.
            }
        });

        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(1);
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteInstance.DevelopmentAccountKey};" +
                         $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        var tables = new TwoZonesTables(new TableServiceClient(connection, options));
        var items = new ItemRepository(tables, TimeProvider.System);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => items.GetAsync(ItemKind.Task, "T001", default));

        Assert.True(StorageFailure.IsUnavailable(failure), failure.ToString());
        await stop.CancelAsync();
        await acceptLoop;
        accepted.ForEach(c => c.Dispose());
    }
}
