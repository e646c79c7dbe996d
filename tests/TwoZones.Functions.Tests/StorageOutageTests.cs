using System.Net;
using TwoZones.Functions.Tests.Infrastructure;

namespace TwoZones.Functions.Tests;

/// <summary>Storage stopped under a running app: 503 with Retry-After; storage back: the same process serves again.</summary>
public sealed class StorageOutageTests(SeededAppFixture app) : IClassFixture<SeededAppFixture>
{
    [Fact]
    public async Task Requests_get_503_with_retry_after_while_storage_is_down_and_succeed_again_once_it_is_back()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("api/tasks/T001")).StatusCode);

        // Azurite saves its database to disk a few seconds after a write; a kill before that would lose the seeded items.
        await FunctionsAppFixture.WaitUntilAsync(() => Task.FromResult(AzuriteHasSaved("T030")), TimeSpan.FromSeconds(60), "Azurite to save the seeded items");
        await app.Azurite.StopAsync();
        try
        {
            using var item = await app.GetAsync("api/tasks/T001");
            await Problems.AssertAsync(item, HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(item.Headers.RetryAfter);

            using var move = await app.PostStatusAsync("api/tasks/T002/status", ApiKeys.Commerce, new { status = "Commenced" });
            await Problems.AssertAsync(move, HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(move.Headers.RetryAfter);

            using var health = await app.GetAsync("api/health", key: null);
            await Problems.AssertAsync(health, HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(health.Headers.RetryAfter);
        }
        finally
        {
            await app.Azurite.StartAsync();
        }

        var last = HttpStatusCode.OK;
        try
        {
            await FunctionsAppFixture.WaitUntilAsync(
                async () => (last = (await app.GetAsync("api/tasks/T001")).StatusCode) == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the app to recover");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Last status {(int)last}. App output:\n{Tail(app.Host.Output)}", e);
        }

        using var moved = await app.PostStatusAsync("api/tasks/T002/status", ApiKeys.Commerce, new { status = "Commenced" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.False(app.Host.HasExited);
    }

    private bool AzuriteHasSaved(string text) =>
        Directory.EnumerateFiles(app.Azurite.DataDirectory, "*", SearchOption.AllDirectories)
            .Any(f => ReadShared(f).Contains(text, StringComparison.Ordinal));

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static string Tail(string output) => output.Length <= 4000 ? output : output[^4000..];
}
