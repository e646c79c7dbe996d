using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LocalFunctionsHost.Cli;
using LocalFunctionsHost.Protos;
using LocalFunctionsHost.Worker;

namespace LocalFunctionsHost.Timers;

/// <summary>
/// One timer-triggered function, with the Timer extension's semantics: only the holder of the listener lock runs it; with
/// <c>useMonitor</c> (the default) its status blob survives restarts, so an occurrence missed while no host ran runs once at
/// start with <c>IsPastDue</c>; <c>runOnStartup</c> runs it once when this host starts. Times are UTC.
/// </summary>
/// <remarks>
/// Longer than most files here: the schedule loop, the claim on an occurrence and its record are one protocol between hosts
/// sharing a status blob, and each step's guard only makes sense beside the others.
/// </remarks>
internal sealed class TimerTrigger(
    FunctionDescriptor function, TimerSchedule schedule, bool runOnStartup, bool useMonitor, BlobContainerClient hosts, string hostId, FunctionInvoker invoker, ConsoleLog log)
{
    // The Functions host names functions of out-of-process workers as methods of a generated type "Host.Functions".
    private readonly string _timerName = "Host.Functions." + function.Name;
    // Names this process in claims, so a host can tell its own claim from another's, and people can tell which host it was.
    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
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

    /// <summary>Runs the timer until <paramref name="stopping"/>: waits for the listener lock, runs occurrences while held.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var lease = await ListenerLease.AcquireAsync(hosts, hostId, _timerName, log, stopping);
                await RunWhileHeldAsync(lease, stopping);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                // The lease was lost: go back to waiting for it.
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                // Storage away, a timeout, anything unforeseen: a timer that stops for good is worse than one that retries.
                log.Warn($"Timer '{function.Name}': {e.GetType().Name}: {e.Message.Split('\n')[0]}; retrying in 5 s.");
                await Task.Delay(TimeSpan.FromSeconds(5), stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task RunWhileHeldAsync(ListenerLease lease, CancellationToken stopping)
    {
        var held = lease.Held;
        if (!useMonitor)
        {
            await RunUnmonitoredAsync(held, stopping);
            return;
        }

        // The status is read again before every occurrence: another host may have run or claimed it in the meantime.
        DateTime? waitedFor = null;
        var first = true;
        while (true)
        {
            held.ThrowIfCancellationRequested();
            var (status, etag) = await ReadStatusAsync(held);
            var now = DateTime.UtcNow;
            if (status is null)
            {
                var fresh = new ScheduleStatus(DateTime.MinValue, schedule.Next(now), now);
                etag = await TryWriteStatusAsync(fresh, etag, held);
                if (etag is null)
                {
                    continue;
                }

                status = fresh;
            }

            if (first)
            {
                first = false;
                var pastDue = status.Next <= now;
                if (runOnStartup && !_startupRun && !pastDue)
                {
                    // The startup run is no scheduled occurrence, so it is not claimed and leaves the status as it is.
                    _startupRun = true;
                    await InvokeAsync(status, DateTime.UtcNow, isPastDue: false, stopping);
                    continue;
                }

                _startupRun = true;
            }

            if (status.Claim is { } claim && claim.Occurrence >= status.Next && now - claim.At < ListenerLease.Period)
            {
                // A live host is running it (possibly this one's last lease term): wait for it to finish or go stale.
                await Task.Delay(TimeSpan.FromSeconds(1), held);
                continue;
            }

            var due = status.Next;
            if (due <= status.Last)
            {
                // Not the shape this host writes; take the schedule's next occurrence after the one that ran.
                due = schedule.Next(status.Last > now ? status.Last : now);
            }

            if (due > now)
            {
                await Task.Delay(due - now, held);
                waitedFor = due;
                continue;
            }

            // Due: waited for in this term, or missed (no host ran, or a claim by a host that died is stale).
            await RunOccurrenceAsync(lease, status, etag!.Value, due, isPastDue: waitedFor != due, stopping);
        }
    }

    /// <summary>Claims, runs and records one occurrence; does nothing if another host got to it first.</summary>
    private async Task RunOccurrenceAsync(ListenerLease lease, ScheduleStatus status, ETag etag, DateTime occurrence, bool isPastDue, CancellationToken stopping)
    {
        if (!lease.IsCurrent)
        {
            throw new OperationCanceledException(lease.Held);
        }

        var claimedAt = DateTime.UtcNow;
        // Last, Next and LastUpdated stay as they were, so a Functions host reading a claimed status sees the status before it.
        var claimed = status with { Next = occurrence, Claim = new TimerClaim(occurrence, _instance, claimedAt) };
        if (await TryWriteStatusAsync(claimed, etag, lease.Held) is not { } claimTag)
        {
            log.Detail($"Timer '{function.Name}': the occurrence at {Format(occurrence)} was taken by another host.");
            return;
        }

        // A stall between sending the claim and invoking must not outlast what the other hosts honour: the claim would look
        // dead to them and they would run it too. Well within the period it is safe; otherwise leave it for whoever holds the
        // lock next, which runs it past due.
        if (DateTime.UtcNow - claimedAt > ListenerLease.Period / 3 || !lease.IsCurrent)
        {
            log.Warn($"Timer '{function.Name}': stalled after claiming the occurrence at {Format(occurrence)}; leaving it to the next lease holder.");
            throw new OperationCanceledException(lease.Held);
        }

        // Refreshed while the function runs, so a long run is not taken for a dead host's.
        var invocation = InvokeAsync(claimed, occurrence, isPastDue, stopping);
        while (await Task.WhenAny(invocation, Task.Delay(ListenerLease.Period / 3, stopping)) != invocation)
        {
            stopping.ThrowIfCancellationRequested();
            var refreshed = claimed with { Claim = claimed.Claim! with { At = DateTime.UtcNow } };
            try
            {
                if (await TryWriteStatusAsync(refreshed, claimTag, CancellationToken.None) is { } t)
                {
                    (claimed, claimTag) = (refreshed, t);
                }
            }
            catch (RequestFailedException e)
            {
                log.Warn($"Timer '{function.Name}': could not refresh its claim ({e.Message.Split('\n')[0]}).");
            }
        }

        await invocation;
        var now = DateTime.UtcNow;
        var done = new ScheduleStatus(occurrence, schedule.Next(now > occurrence ? now : occurrence), now);
        await RecordAsync(done, claimTag, stopping);
    }

    // The record that the occurrence ran: retried through a storage outage (the function has run; a claim left behind would
    // run it again), conditional on the claim so a host that meanwhile took a stale claim over is not overwritten.
    private async Task RecordAsync(ScheduleStatus done, ETag claimTag, CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                if (await TryWriteStatusAsync(done, claimTag, stopping) is null)
                {
                    log.Warn($"Timer '{function.Name}': its status changed while the occurrence at {Format(done.Last)} ran (another host took the claim over).");
                }

                return;
            }
            catch (RequestFailedException e)
            {
                log.Warn($"Timer '{function.Name}': could not write its status ({e.Message.Split('\n')[0]}); retrying in 1 s.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), stopping);
        }
    }

    // useMonitor=false: no status blob, the schedule counts from now, as in the Timer extension.
    private async Task RunUnmonitoredAsync(CancellationToken held, CancellationToken stopping)
    {
        if (runOnStartup && !_startupRun)
        {
            await InvokeAsync(null, DateTime.UtcNow, isPastDue: false, stopping);
        }

        _startupRun = true;
        while (true)
        {
            var due = schedule.Next(DateTime.UtcNow);
            var wait = due - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, held);
            }

            await InvokeAsync(null, due, isPastDue: false, stopping);
        }
    }

    /// <summary>One invocation; <paramref name="status"/> is what the function sees as <c>ScheduleStatus</c>.</summary>
    private async Task InvokeAsync(ScheduleStatus? status, DateTime occurrence, bool isPastDue, CancellationToken stopping)
    {
        var input = new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = status is null ? null : new { status.Last, Next = occurrence, status.LastUpdated },
            IsPastDue = isPastDue,
        };
        var reason = isPastDue
            ? $"Timer fired at {Format(DateTime.UtcNow)}, past due since {Format(occurrence)}"
            : $"Timer fired at {Format(DateTime.UtcNow)}";
        try
        {
            // Not cancelled when the lease is lost: a run that started is finished and recorded under its claim.
            await invoker.InvokeAsync(function, Guid.NewGuid().ToString(), new TypedData { Json = JsonSerializer.Serialize(input) }, null, reason, stopping);
        }
        catch (Exception e) when (e is TimeoutException or IOException)
        {
            // Logged by the invoker; a failed run still counts as the occurrence having run, as in the Timer extension.
        }
    }

    private static string Format(DateTime t) => t.ToString("O", CultureInfo.InvariantCulture);

    private BlobClient StatusBlob => hosts.GetBlobClient($"timers/{hostId}/{_timerName}/status");

    /// <summary>The status and its ETag; (null, null) when there is none, (null, etag) when it cannot be read as a status.</summary>
    private async Task<(ScheduleStatus? Status, ETag? ETag)> ReadStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await StatusBlob.DownloadContentAsync(cancellationToken);
            var etag = content.Value.Details.ETag;
            try
            {
                return JsonSerializer.Deserialize<ScheduleStatus>(content.Value.Content.ToString()) is { } s
                    ? (s with { Last = Utc(s.Last), Next = Utc(s.Next), LastUpdated = Utc(s.LastUpdated), Claim = s.Claim is { } c ? c with { Occurrence = Utc(c.Occurrence), At = Utc(c.At) } : null }, etag)
                    : (null, etag);
            }
            catch (JsonException)
            {
                log.Warn($"Timer '{function.Name}': its status blob is not valid JSON; starting afresh.");
                return (null, etag);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, null);
        }
    }

    // The Functions host writes local times with an offset; a time without one is taken as UTC.
    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime();

    /// <summary>
    /// Writes the status if the blob is still at <paramref name="etag"/> (absent when null); returns the new ETag, or null when
    /// another host wrote it first.
    /// </summary>
    private async Task<ETag?> TryWriteStatusAsync(ScheduleStatus status, ETag? etag, CancellationToken cancellationToken)
    {
        var conditions = etag is { } e ? new BlobRequestConditions { IfMatch = e } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            var written = await StatusBlob.UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(status)), new BlobUploadOptions { Conditions = conditions }, cancellationToken);
            return written.Value.ETag;
        }
        catch (RequestFailedException x) when (x.Status is 409 or 412)
        {
            return null;
        }
    }
}
