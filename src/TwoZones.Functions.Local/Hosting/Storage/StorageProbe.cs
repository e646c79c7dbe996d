using Azure;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>Checks at start-up that storage answers, so a wrong connection string fails fast with one clear line.</summary>
internal static class StorageProbe
{
    /// <summary>Waits until the Table service answers any HTTP response, or throws <see cref="LocalStartupException"/> after <paramref name="timeout"/>.</summary>
    public static async Task EnsureReachableAsync(StorageConnection storage, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var client = storage.CreateProbeClient();
        var deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        Exception? last = null;
        while (true)
        {
            try
            {
                await foreach (var page in client.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages().WithCancellation(cancellationToken))
                {
                    break;
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status != 0)
            {
                // An HTTP answer, even an error, means storage is there; the app reports its own authorization problems.
                return;
            }
            catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = e;
            }

            if (time.GetTimestamp() >= deadline)
            {
                var reason = (last?.InnerException ?? last)?.Message.ReplaceLineEndings(" ") ?? "no answer";
                throw new LocalStartupException($"Storage is unreachable at {storage.DisplayEndpoint} ({StorageConnection.SettingName}): {reason}", last);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
        }
    }
}
