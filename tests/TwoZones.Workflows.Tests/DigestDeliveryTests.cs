using System.Net;
using System.Text.Json;
using TwoZones.Core.Time;

namespace TwoZones.Workflows.Tests;

public sealed class DigestDeliveryTests
{
    private static readonly string Week = IsoWeekId.OfInstant(DateTimeOffset.UtcNow).ToString();

    [Fact]
    public async Task A_receiver_that_fails_twice_then_succeeds_still_gets_the_digest()
    {
        await using var receiver = await WebhookReceiver.StartAsync(attempt => attempt <= 2 ? 500 : 200);
        await using var app = await WorkflowApp.StartAsync(
            new Dictionary<string, string> { ["TwoZones__DigestWebhookUrl"] = receiver.Url },
            a => a.SeedAsync(SmallCatalogue.Create()));

        var id = await StartDigestAsync(app);
        await Eventually.TrueAsync(async () => await app.InstanceAsync(id) is { RuntimeStatus: "Completed" }, "the digest orchestration to complete");

        var deliveries = receiver.Deliveries;
        Assert.Equal([500, 500, 200], deliveries.Select(d => d.AnsweredStatus));
        Assert.All(deliveries, d => Assert.Equal(id, d.IdempotencyKey));
        var stored = await app.Digests.GetAsync(Week);
        Assert.True(stored!.Delivery.Delivered);
        Assert.Equal(3, stored.Delivery.Attempts);
        Assert.Null(stored.Delivery.LastError);
        Assert.Equal(6, stored.Digest.Totals.Total);
    }

    [Fact]
    public async Task A_host_killed_right_after_the_request_still_stores_exactly_one_digest_and_an_unreachable_receiver_leaves_it_undelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 503);
        await using var app = await WorkflowApp.StartAsync(
            new Dictionary<string, string> { ["TwoZones__DigestWebhookUrl"] = receiver.Url, ["TwoZones__DigestDeliveryAttempts"] = "3" },
            a => a.SeedAsync(SmallCatalogue.Create()));

        var id = await StartDigestAsync(app);
        await app.Host.KillAsync();
        await app.Host.RestartAsync(TimeSpan.FromSeconds(180));

        var done = await Eventually.GetAsync(
            async () => await app.InstanceAsync(id) is { RuntimeStatus: "Completed" or "Failed" } s ? s : null, "the digest orchestration to finish after the restart");
        Assert.Equal("Completed", done.RuntimeStatus);
        Assert.Equal([Week], await app.Digests.ListWeeksAsync());

        using var json = await app.GetJsonAsync("api/digests/latest");
        var root = json.RootElement;
        Assert.Equal(Week, root.GetProperty("week").GetString());
        Assert.False(root.GetProperty("delivered").GetBoolean());
        Assert.True(root.GetProperty("deliveryAttempts").GetInt32() >= 3);
        Assert.Contains("503", root.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.True(receiver.Deliveries.Count >= 3);
        Assert.All(receiver.Deliveries, d => Assert.Equal(id, d.IdempotencyKey));

        // A second request in the same week does not build another one.
        Assert.Equal(id, await StartDigestAsync(app, expectStarted: false));
        Assert.Equal([Week], await app.Digests.ListWeeksAsync());
    }

    private static async Task<string> StartDigestAsync(WorkflowApp app, bool expectStarted = true)
    {
        using var response = await app.SendAsync(HttpMethod.Post, "api/digests", WorkflowApp.CoordinatorKey);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(expectStarted, body.RootElement.GetProperty("started").GetBoolean());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("statusQueryGetUri").GetString()));
        var id = body.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("digest-" + Week, id);
        return id;
    }
}
