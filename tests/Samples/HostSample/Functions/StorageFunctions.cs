using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HostSample.Functions;

/// <summary>Uses the TableServiceClient the host registers for AzureWebJobsStorage.</summary>
public sealed class StorageFunctions(TableServiceClient tables)
{
    [Function("StoragePing")]
    public async Task<IActionResult> Ping([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "storage/ping")] HttpRequest req, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient("samplepings");
        await table.CreateIfNotExistsAsync(cancellationToken);
        await table.UpsertEntityAsync(new TableEntity("ping", "last") { ["At"] = DateTimeOffset.UtcNow }, cancellationToken: cancellationToken);
        return new OkObjectResult(new { storage = "ok" });
    }
}
