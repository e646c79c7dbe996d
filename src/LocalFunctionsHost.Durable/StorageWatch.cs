using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace LocalFunctionsHost.Durable;

/// <summary>
/// Asks the task hub's storage account a cheap question (the work-item queue's properties) every few seconds and reports the
/// moment it answers again after it stopped answering, with how long it was away.
/// </summary>
internal sealed class StorageWatch(string connectionString, string queueName, Func<TimeSpan, CancellationToken, Task> onReturned, ILogger logger)
{
    /// <summary>Time between questions; an outage shorter than this may go unnoticed, and such a short one leaves no lease expired.</summary>
    internal static TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // No retries and a short timeout: the question is whether storage answers now, and the answer must not wait for it.
        var options = new QueueClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } };
        var queue = new QueueClient(connectionString, queueName, options);
        DateTimeOffset? awaySince = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, cancellationToken);
                var answers = await AnswersAsync(queue, cancellationToken);
                if (!answers && awaySince is null)
                {
                    awaySince = DateTimeOffset.UtcNow;
                    logger.LogWarning("Durable engine: storage does not answer; the engine will be restarted when it does");
                }
                else if (answers && awaySince is { } since)
                {
                    awaySince = null;
                    await onReturned(DateTimeOffset.UtcNow - since, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The watch must outlive whatever the restart ran into; it tries again on the next round.
                logger.LogWarning("Durable engine: storage watch: {Error}", e.Message.Split('\n')[0]);
            }
        }
    }

    private static async Task<bool> AnswersAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        try
        {
            await queue.GetPropertiesAsync(cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is > 0 and < 500)
        {
            // An answer, even "no such queue": the account is reachable.
            return true;
        }
        catch (RequestFailedException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
