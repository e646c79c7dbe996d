using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace TwoZones.Reliability.Tests.Infrastructure;

/// <summary>
/// Moves items through their lifecycle as a careful client would: every request carries an <c>Idempotency-Key</c>, and on no
/// answer or a 5xx it is sent again with the same key until it gets an answer that is not an outage. Counts what it saw.
/// </summary>
/// <param name="targets">Where to send, chosen per request (one instance, or several behind a load balancer).</param>
public sealed class StatusMover(Func<int, HttpClient> targets)
{
    private int _requests;
    private int _retries;
    private int _serverErrors;

    /// <summary>Every 200, in the order they arrived.</summary>
    public ConcurrentQueue<Acknowledgement> Acknowledged { get; } = new();

    /// <summary>Answers other than 200 after which the client gave up, with what they said.</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    /// <summary>Statuses of 5xx answers seen, with whether they carried <c>Retry-After</c>.</summary>
    public ConcurrentQueue<(int Status, bool RetryAfter)> ServerErrors { get; } = new();

    /// <summary>Requests sent, retries included.</summary>
    public int Requests => _requests;

    /// <summary>Requests sent again after no answer or a 5xx.</summary>
    public int Retries => _retries;

    /// <summary>The longest any one request took to be answered (or to fail).</summary>
    public TimeSpan LongestRequest { get; private set; }

    /// <summary>Moves <paramref name="item"/> to <paramref name="status"/>; returns whether the app acknowledged it.</summary>
    public async Task<bool> MoveAsync(ItemRef item, string key, string status, string idempotencyKey, TimeSpan giveUpAfter)
    {
        var deadline = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var clock = Stopwatch.StartNew();
            Interlocked.Increment(ref _requests);
            try
            {
                using var request = Api.StatusChange(item, key, status, idempotencyKey);
                using var response = await targets(attempt).SendAsync(request);
                Record(clock.Elapsed);
                var code = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Acknowledged.Enqueue(new Acknowledgement(item, status, idempotencyKey, key, attempt));
                    return true;
                }

                if (code < 500)
                {
                    Refused.Enqueue($"{item.Id} → {status} ({idempotencyKey}): {code} {await response.Content.ReadAsStringAsync()}");
                    return false;
                }

                Interlocked.Increment(ref _serverErrors);
                ServerErrors.Enqueue((code, response.Headers.RetryAfter is not null));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // No answer: the process is down or was killed mid-request. The same key makes the retry safe.
                Record(clock.Elapsed);
            }

            if (deadline.Elapsed > giveUpAfter)
            {
                Refused.Enqueue($"{item.Id} → {status} ({idempotencyKey}): no answer after {attempt} attempts");
                return false;
            }

            Interlocked.Increment(ref _retries);
            await Task.Delay(Math.Min(50 * attempt, 500));
        }
    }

    private void Record(TimeSpan elapsed)
    {
        lock (Acknowledged)
        {
            if (elapsed > LongestRequest)
            {
                LongestRequest = elapsed;
            }
        }
    }
}
