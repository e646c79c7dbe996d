using System.Net;
using TwoZones.Testing;

namespace TwoZones.Functions.Local.Tests.Hosting;

/// <summary>Storage that goes away: 503 with Retry-After while it is down, recovery when it is back, and a clear failure at start.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Storage_stopped_mid_run_gives_503_with_retry_after_and_recovers_when_it_returns()
    {
        await using var azurite = await AzuriteInstance.StartNewAsync();
        await using var host = await HostSampleApp.StartAsync(azurite.ConnectionString, "outage");
        using (var before = await host.Http.GetAsync(new Uri("api/storage/ping", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await azurite.StopAsync();
        using (var during = await host.Http.GetAsync(new Uri("api/storage/ping", UriKind.Relative)))
        {
            await ProblemAssert.IsProblemAsync(during, HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(5), during.Headers.RetryAfter?.Delta);
        }

        using (var unaffected = await host.Http.GetAsync(new Uri("api/items/3", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
        }

        await azurite.StartAsync();
        var recovered = await PollAsync(async () =>
        {
            using var after = await host.Http.GetAsync(new Uri("api/storage/ping", UriKind.Relative));
            return after.StatusCode == HttpStatusCode.OK;
        });
        Assert.True(recovered, host.Output);
    }

    [Fact]
    public async Task Unreachable_storage_at_start_exits_non_zero_with_one_clear_line()
    {
        var deadPort = AzuriteInstance.FreePort();
        var storage = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteInstance.DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;";
        await using var host = ChildHost.Launch(HostSampleApp.DllPath, HostSampleApp.Environment(storage, "unreachable"), AzuriteInstance.FreePort());
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotNull(exitCode);
        Assert.NotEqual(0, exitCode);
        var expected = $"Storage is unreachable at http://127.0.0.1:{deadPort} (AzureWebJobsStorage): ";
        var lines = host.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(lines, l => l.StartsWith(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", host.Output, StringComparison.Ordinal);
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // The host is still there; keep asking.
            }

            await Task.Delay(250);
        }

        return false;
    }
}
