using System.Net.Sockets;
using Azure;
using TwoZones.Core.Lifecycle;
using TwoZones.Testing;
using static TwoZones.Storage.Tests.StorageContext;

namespace TwoZones.Storage.Tests;

public class OutageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_stopped_emulator_is_reported_unavailable_and_a_restarted_one_works_again()
    {
        var ctx = await CreateAsync(azurite.ConnectionString);
        await ctx.SeedAsync(NewTask("T001"));

        await azurite.Azurite.StopAsync();
        try
        {
            var read = await Assert.ThrowsAnyAsync<Exception>(() => ctx.Items.GetAsync(ItemKind.Task, "T001", default));
            var write = await Assert.ThrowsAnyAsync<Exception>(() =>
                ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T001", Coordinator, To(ItemStatus.Commenced), null, null, default));
            var ping = await Assert.ThrowsAnyAsync<Exception>(() => ctx.Tables.PingAsync(default));
            Assert.True(StorageFailure.IsUnavailable(read), read.ToString());
            Assert.True(StorageFailure.IsUnavailable(write), write.ToString());
            Assert.True(StorageFailure.IsUnavailable(ping), ping.ToString());
        }
        finally
        {
            await azurite.Azurite.StartAsync();
        }

        // A killed emulator may lose its last few seconds of writes (Azurite saves to disk on a timer), so start as the app does.
        await ctx.Tables.EnsureCreatedAsync(default);
        await ctx.SeedAsync(NewTask("T001"));
        await ctx.Tables.PingAsync(default);
        var result = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T001", Coordinator, To(ItemStatus.Commenced), null, null, default);
        Assert.Equal(TransitionResultKind.Applied, result.Outcome);
    }

    [Fact]
    public void Only_transport_failures_count_as_unavailable()
    {
        Assert.True(StorageFailure.IsUnavailable(new RequestFailedException(0, "no response")));
        Assert.True(StorageFailure.IsUnavailable(new RequestFailedException(503, "busy")));
        Assert.True(StorageFailure.IsUnavailable(new RequestFailedException(500, "x", new HttpRequestException("refused"))));
        Assert.True(StorageFailure.IsUnavailable(new HttpRequestException("refused", new SocketException(111))));
        Assert.True(StorageFailure.IsUnavailable(new TimeoutException()));
        Assert.True(StorageFailure.IsUnavailable(new TaskCanceledException("timed out", new TimeoutException())));
        Assert.True(StorageFailure.IsUnavailable(new AggregateException(new IOException("reset"))));

        Assert.False(StorageFailure.IsUnavailable(new RequestFailedException(404, "not found")));
        Assert.False(StorageFailure.IsUnavailable(new RequestFailedException(412, "precondition")));
        Assert.False(StorageFailure.IsUnavailable(new TaskCanceledException()));
        Assert.False(StorageFailure.IsUnavailable(new OperationCanceledException()));
        Assert.False(StorageFailure.IsUnavailable(new InvalidOperationException()));
        Assert.False(StorageFailure.IsUnavailable(null));
    }
}
