using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>
/// Serves <c>[TimerTrigger]</c> functions: each sleeps until its next occurrence (no polling), takes the function's lease
/// in storage so two hosts never run it at once, and records the run. With <c>UseMonitor</c> an occurrence missed while
/// no host ran is caught up once at start with <c>IsPastDue = true</c>.
/// </summary>
internal sealed partial class TimerTriggerProvider(
    FunctionInvoker invoker,
    TimerScheduleStore store,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<TimerTriggerProvider> logger) : ITriggerProvider, IDisposable
{
    private static readonly IReadOnlyDictionary<string, object?> NoBindingData = new Dictionary<string, object?>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];

    public bool Owns(Attribute triggerAttribute) => triggerAttribute is TimerTriggerAttribute;

    public async Task StartAsync(IReadOnlyList<FunctionDescriptor> functions, CancellationToken cancellationToken)
    {
        var timers = functions.Select(f => (Function: f, Schedule: TimerSchedule.For(f, configuration))).ToList();
        if (timers.Count == 0)
        {
            return;
        }

        try
        {
            await store.EnsureTableAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new LocalStartupException($"Timer functions cannot start: the table {TimerScheduleStore.TableName} could not be created: {e.GetBaseException().Message.ReplaceLineEndings(" ")}", e);
        }
        foreach (var (function, schedule) in timers)
        {
            _loops.Add(Task.Run(() => RunAsync(function, schedule, _stopping.Token), CancellationToken.None));
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Shutdown gave up waiting for a running timer function.
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(FunctionDescriptor function, TimerSchedule schedule, CancellationToken stopping)
    {
        var attribute = (TimerTriggerAttribute)function.TriggerAttribute;
        var last = time.GetUtcNow().UtcDateTime;
        try
        {
            if (attribute.RunOnStartup)
            {
                await FireAsync(function, attribute, schedule, new DateTime(last.Ticks - (last.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc), pastDue: false, stopping);
            }
            else if (attribute.UseMonitor && await ReadStatusAsync(function, stopping) is { Next: { } missed } && missed < last)
            {
                await FireAsync(function, attribute, schedule, missed, pastDue: true, stopping);
            }

            while (!stopping.IsCancellationRequested)
            {
                var now = time.GetUtcNow().UtcDateTime;
                var next = schedule.NextAfter(now > last ? now : last);
                await SleepUntilAsync(next, stopping);
                last = next;
                await FireAsync(function, attribute, schedule, next, pastDue: false, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task SleepUntilAsync(DateTime dueUtc, CancellationToken stopping)
    {
        while (true)
        {
            var wait = dueUtc - time.GetUtcNow().UtcDateTime;
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            // Task.Delay caps out near 49 days; a yearly schedule sleeps in day-long steps.
            await Task.Delay(wait < TimeSpan.FromDays(1) ? wait : TimeSpan.FromDays(1), time, stopping);
        }
    }

    private async Task<TimerStatus?> ReadStatusAsync(FunctionDescriptor function, CancellationToken stopping)
    {
        try
        {
            return await store.ReadAsync(function.Name, stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStorageFailed(logger, e, function.Name);
            return null;
        }
    }

    private async Task FireAsync(FunctionDescriptor function, TimerTriggerAttribute attribute, TimerSchedule schedule, DateTime occurrence, bool pastDue, CancellationToken stopping)
    {
        TimerClaim? claim;
        try
        {
            var attempt = await store.TryClaimAsync(function.Name, occurrence, stopping);

            // A missed occurrence must still run once: wait out a lease left by a host that crashed (or is finishing).
            for (var tries = 0; pastDue && attempt is { Claim: null, HeldUntil: { } heldUntil } && tries < 3; tries++)
            {
                var wait = heldUntil - time.GetUtcNow() + TimeSpan.FromMilliseconds(200);
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stopping);
                attempt = await store.TryClaimAsync(function.Name, occurrence, stopping);
            }

            claim = attempt.Claim;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStorageFailed(logger, e, function.Name);
            return;
        }

        if (claim is null)
        {
            LogSkipped(logger, function.Name, occurrence);
            return;
        }

        var info = new TimerInfo
        {
            IsPastDue = pastDue,
            ScheduleStatus = attribute.UseMonitor
                ? new ScheduleStatus
                {
                    Last = claim.Previous?.Last ?? default,
                    Next = occurrence,
                    LastUpdated = claim.Previous?.LastUpdated ?? default,
                }
                : null,
        };

        using var running = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var renewal = RenewWhileRunningAsync(claim, running.Token);
        try
        {
            await invoker.InvokeAsync(new FunctionInvocationRequest(function, info, NoBindingData)
            {
                Reason = $"Timer fired at {time.GetUtcNow():O}",
                CancellationToken = stopping,
            });
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // The invoker logged the failure; the schedule goes on.
        }
        finally
        {
            await running.CancelAsync();
            await renewal;
        }

        try
        {
            await store.CompleteAsync(claim, occurrence, schedule.NextAfter(time.GetUtcNow().UtcDateTime), CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStorageFailed(logger, e, function.Name);
        }
    }

    private async Task RenewWhileRunningAsync(TimerClaim claim, CancellationToken running)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimerScheduleStore.LeaseDuration / 3, time, running);
                if (!await store.RenewAsync(claim, running))
                {
                    LogLeaseLost(logger, claim.Function);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The invocation finished.
        }
        catch (Exception e)
        {
            LogStorageFailed(logger, e, claim.Function);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer '{FunctionName}': schedule storage failed; the timer keeps running")]
    private static partial void LogStorageFailed(ILogger logger, Exception exception, string functionName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer '{FunctionName}': occurrence {Occurrence:O} is run or being run by another host")]
    private static partial void LogSkipped(ILogger logger, string functionName, DateTime occurrence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer '{FunctionName}': the lease was lost while the function ran")]
    private static partial void LogLeaseLost(ILogger logger, string functionName);
}
