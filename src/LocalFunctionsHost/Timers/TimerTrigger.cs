using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using LocalFunctionsHost.Cli;
using LocalFunctionsHost.Protos;
using LocalFunctionsHost.Worker;

namespace LocalFunctionsHost.Timers;

/// <summary>
/// One timer-triggered function, with the Timer extension's semantics: only the holder of the listener lock runs it; with
/// <c>useMonitor</c> (the default) its status blob survives restarts, so an occurrence missed while no host ran runs once at
/// start with <c>IsPastDue</c>; <c>runOnStartup</c> runs it once when this host starts. Times are UTC.
/// </summary>
internal sealed class TimerTrigger(
    FunctionDescriptor function, TimerSchedule schedule, bool runOnStartup, bool useMonitor, BlobContainerClient hosts, string hostId, FunctionInvoker invoker, ConsoleLog log)
{
    // The Functions host names functions of out-of-process workers as methods of a generated type "Host.Functions".
    private readonly string _timerName = "Host.Functions." + function.Name;
    private bool _startupRun;

    public FunctionDescriptor Function => function;

    public static TimerTrigger? Create(FunctionDescriptor function, Func<string, (string? Value, string? Missing)> resolve, BlobContainerClient hosts, string hostId, FunctionInvoker invoker, ConsoleLog log, out string? error)
    {
        error = null;
        var trigger = function.Trigger!;
        var (expression, missing) = resolve(trigger.Get("schedule") ?? "");
        if (expression is null)
        {
            error = $"Function '{function.Name}': the timer schedule names the app setting '{missing}', which is not set.";
            return null;
        }

        if (TimerSchedule.Parse(expression) is not { } schedule)
        {
            error = $"Function '{function.Name}': '{expression}' is not a six-field NCRONTAB expression nor a TimeSpan.";
            return null;
        }

        var runOnStartup = bool.TryParse(trigger.Get("runOnStartup"), out var r) && r;
        var useMonitor = !bool.TryParse(trigger.Get("useMonitor"), out var m) || m;
        return new TimerTrigger(function, schedule, runOnStartup, useMonitor, hosts, hostId, invoker, log);
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var lease = await ListenerLease.AcquireAsync(hosts, hostId, _timerName, log, stopping);
                await RunWhileHeldAsync(lease.Held);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                // The lease was lost: go back to waiting for it.
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RequestFailedException e)
            {
                log.Warn($"Timer '{function.Name}': storage failed ({e.Message.Split('\n')[0]}); retrying.");
                await Task.Delay(TimeSpan.FromSeconds(5), stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task RunWhileHeldAsync(CancellationToken held)
    {
        var now = DateTime.UtcNow;
        var status = useMonitor ? await ReadStatusAsync(held) : null;
        if (useMonitor && status is null)
        {
            status = new ScheduleStatus(DateTime.MinValue, schedule.Next(now), now);
            await WriteStatusAsync(status, held);
        }

        var ranPastDue = false;
        if (status is not null && status.Next <= now)
        {
            status = await FireAsync(status, status.Next, isPastDue: true, held);
            ranPastDue = true;
        }

        if (runOnStartup && !_startupRun && !ranPastDue)
        {
            _startupRun = true;
            await FireAsync(status, DateTime.UtcNow, isPastDue: false, held);
        }

        _startupRun = true;
        while (true)
        {
            now = DateTime.UtcNow;
            var due = status is not null && status.Next > now ? status.Next : schedule.Next(now);
            var wait = due - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, held);
            }

            status = await FireAsync(status, due, isPastDue: false, held);
        }
    }

    /// <summary>Runs one occurrence and records it; returns the new status (null without a monitor).</summary>
    private async Task<ScheduleStatus?> FireAsync(ScheduleStatus? status, DateTime occurrence, bool isPastDue, CancellationToken held)
    {
        var input = new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = status is null ? null : new { status.Last, Next = occurrence, status.LastUpdated },
            IsPastDue = isPastDue,
        };
        var reason = isPastDue
            ? $"Timer fired at {DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)}, past due since {occurrence.ToString("O", CultureInfo.InvariantCulture)}"
            : $"Timer fired at {DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)}";
        try
        {
            await invoker.InvokeAsync(function, Guid.NewGuid().ToString(), new TypedData { Json = JsonSerializer.Serialize(input) }, null, reason, held);
        }
        catch (Exception e) when (e is TimeoutException or IOException)
        {
            // Logged by the invoker; a failed run still counts as the occurrence having run, as in the Timer extension.
        }

        if (status is null)
        {
            return null;
        }

        var now = DateTime.UtcNow;
        var next = new ScheduleStatus(occurrence, schedule.Next(now > occurrence ? now : occurrence), now);
        await WriteStatusAsync(next, CancellationToken.None);
        return next;
    }

    private BlobClient StatusBlob => hosts.GetBlobClient($"timers/{hostId}/{_timerName}/status");

    private async Task<ScheduleStatus?> ReadStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await StatusBlob.DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize<ScheduleStatus>(content.Value.Content.ToString()) is { } s
                ? s with { Last = Utc(s.Last), Next = Utc(s.Next), LastUpdated = Utc(s.LastUpdated) }
                : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (JsonException)
        {
            log.Warn($"Timer '{function.Name}': its status blob is not valid JSON; starting afresh.");
            return null;
        }
    }

    // The Functions host writes local times with an offset; a time without one is taken as UTC.
    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime();

    private async Task WriteStatusAsync(ScheduleStatus status, CancellationToken cancellationToken)
    {
        try
        {
            await StatusBlob.UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(status)), overwrite: true, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            // As the Timer extension: the status is best effort, the schedule goes on.
            log.Warn($"Timer '{function.Name}': could not write its status ({e.Message.Split('\n')[0]}).");
        }
    }
}
