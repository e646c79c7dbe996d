using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwoZones.Functions.Progress;
using TwoZones.Storage;
using TwoZones.Storage.Indicators;
using TwoZones.Storage.Uploads;

namespace TwoZones.Functions.Hosting;

/// <summary>
/// Creates the app's tables and warms the progress cache in the background at start. Storage being down at start does not stop
/// the app: it retries, and requests meanwhile get 503 until storage answers.
/// </summary>
internal sealed partial class StorageInitializer(
    TwoZonesTables tables, UploadRepository uploads, IndicatorRepository indicators, ProgressCache progress, ILogger<StorageInitializer> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await tables.EnsureCreatedAsync(stoppingToken);
                await uploads.EnsureCreatedAsync(stoppingToken);
                await indicators.EnsureCreatedAsync(stoppingToken);
                await progress.RefreshAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (StorageFailure.IsUnavailable(e))
            {
                LogWaiting(logger, e.GetBaseException().Message);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is not reachable yet; tables will be created when it is: {Reason}")]
    private static partial void LogWaiting(ILogger logger, string reason);
}
