namespace TwoZones.Testing;

/// <summary>Waits for a condition of an app under test, tolerating the errors of an app that is still starting or busy.</summary>
public static class Polling
{
    /// <summary>Checks <paramref name="condition"/> every 200 ms (or <paramref name="every"/>) until it holds.</summary>
    /// <param name="condition">The check.</param>
    /// <param name="timeout">How long to keep trying.</param>
    /// <param name="what">What is awaited, for the timeout's message.</param>
    /// <param name="transient">Which exceptions of the check mean "not yet" (default: HTTP errors and <see cref="InvalidOperationException"/>).</param>
    /// <param name="every">The pause between checks, for callers that time what they wait for (default 200 ms).</param>
    /// <returns>A task that completes when the condition holds.</returns>
    /// <exception cref="TimeoutException">The condition did not hold in time; the message names the last error.</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<Exception, bool>? transient = null, TimeSpan? every = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        transient ??= e => e is HttpRequestException or InvalidOperationException;
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (transient(e))
            {
                last = e;
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}. {last?.Message}");
    }
}
