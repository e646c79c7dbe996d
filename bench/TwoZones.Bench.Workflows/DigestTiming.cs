using System.Diagnostics;
using System.Net;
using System.Text.Json;
using TwoZones.Bench.Api;

namespace TwoZones.Bench.Workflows;

/// <summary>
/// Times <c>POST /api/digests</c> until the week's digest is stored and readable. The app builds a week's digest at most once
/// (instance <c>digest-YYYY-Www</c>; a second POST answers 202 with <c>started: false</c>), so each rebuild first purges the finished
/// instance through the durable management API; the new run then stores a new generation of the digest (new <c>generatedAt</c>).
/// </summary>
public sealed class DigestTiming(ApiClient api, Action<string> log)
{
    /// <summary>One build.</summary>
    /// <param name="Stored">POST → GET /api/digests/{week} returns this build's digest (new generatedAt, expected total).</param>
    /// <param name="Completed">POST → the orchestration is Completed (after the delivery step; no webhook is configured here).</param>
    /// <param name="Purged">Whether the week's previous instance was purged first.</param>
    /// <param name="Moved">Transitions the digest lists for the week.</param>
    public sealed record Build(TimeSpan Stored, TimeSpan Completed, bool Purged, int Moved);

    /// <summary>Builds the current week's digest (purging a finished earlier build first) and waits until it is stored and the run completed.</summary>
    public async Task<Build> BuildAsync(string week, int expectedTotal, TimeSpan timeout)
    {
        var instanceId = "digest-" + week;
        var purged = await api.PurgeInstanceAsync(instanceId);
        var previous = GeneratedAt(await api.GetDigestAsync(week));
        var clock = Stopwatch.StartNew();
        var start = await api.StartDigestAsync();
        if (!start.GetProperty("started").GetBoolean() || start.GetProperty("week").GetString() != week)
        {
            throw new InvalidOperationException($"POST /api/digests did not start a new build of {week}: {start}");
        }

        JsonElement digest;
        while (true)
        {
            if (await api.GetDigestAsync(week) is { } current && GeneratedAt(current) != previous)
            {
                digest = current;
                break;
            }

            await PauseAsync(clock, timeout, "the digest to be stored");
        }

        var stored = clock.Elapsed;
        var total = digest.GetProperty("totals").GetProperty("total").GetInt32();
        if (total != expectedTotal)
        {
            throw new InvalidOperationException($"The digest of {week} counts {total} items, expected {expectedTotal}.");
        }

        while (true)
        {
            var (status, body) = await api.GetInstanceAsync(instanceId);
            if (status == HttpStatusCode.OK)
            {
                break;
            }

            if (status == HttpStatusCode.BadRequest)
            {
                throw new InvalidOperationException($"The digest orchestration failed: {body}");
            }

            await PauseAsync(clock, timeout, "the digest orchestration to complete");
        }

        var build = new Build(stored, clock.Elapsed, purged, digest.GetProperty("moved").GetArrayLength());
        log($"digest {week} at {expectedTotal} items: stored after {build.Stored.TotalSeconds:F2} s, completed after {build.Completed.TotalSeconds:F2} s");
        return build;
    }

    /// <summary>
    /// A second POST in the same week while the build exists: returns the answer and whether the stored digest stayed the same
    /// (same generatedAt after <paramref name="wait"/>).
    /// </summary>
    public async Task<(JsonElement Answer, bool Unchanged)> RepeatWithoutPurgeAsync(string week, TimeSpan wait)
    {
        var before = GeneratedAt(await api.GetDigestAsync(week));
        var answer = await api.StartDigestAsync();
        await Task.Delay(wait);
        var after = GeneratedAt(await api.GetDigestAsync(week));
        return (answer, before is not null && before == after);
    }

    private static string? GeneratedAt(JsonElement? digest) => digest?.GetProperty("generatedAt").GetString();

    private static async Task PauseAsync(Stopwatch clock, TimeSpan timeout, string what)
    {
        if (clock.Elapsed > timeout)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
        }

        await Task.Delay(50);
    }
}
