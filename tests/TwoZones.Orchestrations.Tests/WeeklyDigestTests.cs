using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using TwoZones.Functions.Digests;

namespace TwoZones.Orchestrations.Tests;

public sealed class WeeklyDigestTests
{
    private const string Week = "2026-W48";
    private static readonly string[] Programmes = ["P01", "P02", "P03", "P04", "P05"];

    // Wednesday of ISO week 48 of 2026, noon in Beijing.
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_digest_collects_each_programme_once_for_one_build_and_composes_all_of_them_in_catalogue_order()
    {
        var doubles = new DigestActivityDoubles(Programmes, DigestActivityDoubles.FailingFirst(0));
        await using var host = await AppOrchestrations.StartAsync(doubles.Register);

        var done = await RunAsync(host.Client, attempts: 3, firstRetry: TimeSpan.FromMilliseconds(100));

        AppOrchestrations.AssertCompleted(done);
        Assert.Equal(Programmes.Order(StringComparer.Ordinal), doubles.Sections.Select(s => s.Programme).Order(StringComparer.Ordinal));
        Assert.All(doubles.Sections, s => Assert.Equal(Week, s.Week));
        var runId = Assert.Single(doubles.Sections.Select(s => s.RunId).Distinct());
        var asOf = Assert.Single(doubles.Sections.Select(s => s.AsOf).Distinct());

        var composed = Assert.Single(doubles.Compositions);
        Assert.Equal(Programmes, composed.Programmes);
        Assert.Equal((Week, runId, asOf, WeeklyDigestOrchestrator.InstanceIdFor(Week)), (composed.Week, composed.RunId, composed.AsOf, composed.InstanceId));

        var delivery = Assert.Single(doubles.Deliveries);
        Assert.Equal(new DigestDeliveryRequest(Week, done.InstanceId), delivery.Request);
        Assert.Equal(DigestActivityDoubles.Composed(Week) with { Delivered = true }, done.ReadOutputAs<WeeklyDigestOutcome>());
        Assert.Equal(WeeklyDigestPhase.Delivered, done.ReadCustomStatusAs<string>());
    }

    [Fact]
    public async Task A_delivery_that_fails_twice_is_retried_after_doubling_delays_and_the_digest_is_delivered()
    {
        var firstRetry = TimeSpan.FromMilliseconds(200);
        var doubles = new DigestActivityDoubles(Programmes, DigestActivityDoubles.FailingFirst(2));
        await using var host = await AppOrchestrations.StartAsync(doubles.Register);

        var done = await RunAsync(host.Client, attempts: 4, firstRetry);

        AppOrchestrations.AssertCompleted(done);
        var attempts = doubles.Deliveries;
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(new DigestDeliveryRequest(Week, done.InstanceId), a.Request));
        Assert.True(attempts[1].At - attempts[0].At >= firstRetry, $"first retry after {attempts[1].At - attempts[0].At}");
        Assert.True(attempts[2].At - attempts[1].At >= 2 * firstRetry, $"second retry after {attempts[2].At - attempts[1].At}");
        Assert.True(done.ReadOutputAs<WeeklyDigestOutcome>()!.Delivered);
        Assert.Equal(WeeklyDigestPhase.Delivered, done.ReadCustomStatusAs<string>());
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_stops_after_the_configured_attempts_and_the_digest_ends_stored_and_undelivered()
    {
        var doubles = new DigestActivityDoubles(Programmes, DigestActivityDoubles.FailingFirst(int.MaxValue));
        await using var host = await AppOrchestrations.StartAsync(doubles.Register);

        var done = await RunAsync(host.Client, attempts: 3, firstRetry: TimeSpan.FromMilliseconds(100));

        AppOrchestrations.AssertCompleted(done);
        Assert.Equal(3, doubles.Deliveries.Count);
        Assert.Equal(DigestActivityDoubles.Composed(Week), done.ReadOutputAs<WeeklyDigestOutcome>());
        Assert.Equal(WeeklyDigestPhase.Stored, done.ReadCustomStatusAs<string>());
    }

    [Fact]
    public async Task Without_a_webhook_the_digest_ends_stored_after_one_delivery_call()
    {
        var doubles = new DigestActivityDoubles(Programmes, _ => new DigestDeliveryResult(false, false));
        await using var host = await AppOrchestrations.StartAsync(doubles.Register);

        var done = await RunAsync(host.Client, attempts: 3, firstRetry: TimeSpan.FromMilliseconds(100));

        AppOrchestrations.AssertCompleted(done);
        Assert.Single(doubles.Deliveries);
        Assert.False(done.ReadOutputAs<WeeklyDigestOutcome>()!.Delivered);
        Assert.Equal(WeeklyDigestPhase.Stored, done.ReadCustomStatusAs<string>());
    }

    /// <summary>Starts this week's digest the way the timer and <c>POST /api/digests</c> do, and waits for it to end.</summary>
    private static async Task<OrchestrationMetadata> RunAsync(DurableTaskClient client, int attempts, TimeSpan firstRetry)
    {
        var starter = new DigestStarter(new DigestOptions { DeliveryAttempts = attempts, DeliveryFirstRetryInterval = firstRetry }, new FakeTimeProvider(Now));
        var start = await starter.StartForCurrentWeekAsync(client, CancellationToken.None);
        Assert.Equal((Week, WeeklyDigestOrchestrator.InstanceIdFor(Week), true), (start.Week, start.InstanceId, start.Started));
        return await client.CompletionAsync(start.InstanceId);
    }
}
