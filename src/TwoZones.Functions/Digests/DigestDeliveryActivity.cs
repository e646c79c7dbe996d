using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using TwoZones.Core.Digest;
using TwoZones.Storage.Digests;

namespace TwoZones.Functions.Digests;

/// <summary>
/// POSTs a stored digest to the configured webhook: the digest JSON plus its English Markdown, with the orchestration instance id
/// as <c>Idempotency-Key</c>. Every attempt is recorded on the digest; a failed attempt throws so the caller's retry policy retries.
/// </summary>
/// <param name="http">Makes the requests.</param>
/// <param name="digests">The stored digests.</param>
/// <param name="options">Where to deliver.</param>
/// <param name="time">The server clock.</param>
/// <param name="logger">Logs failed attempts.</param>
public sealed partial class DigestDeliveryActivity(
    IHttpClientFactory http, DigestRepository digests, DigestOptions options, TimeProvider time, ILogger<DigestDeliveryActivity> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> used for deliveries.</summary>
    public const string HttpClientName = "TwoZones.DigestWebhook";

    /// <summary>The activity.</summary>
    /// <param name="request">The week and the idempotency key.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>Whether the digest is delivered and whether a webhook is configured at all.</returns>
    /// <exception cref="DigestDeliveryException">The receiver did not acknowledge the digest.</exception>
    [Function(nameof(DeliverWeeklyDigest))]
    public async Task<DigestDeliveryResult> DeliverWeeklyDigest([ActivityTrigger] DigestDeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.WebhookUrl is not { } url)
        {
            return new DigestDeliveryResult(false, false);
        }

        var stored = await digests.GetAsync(request.Week, cancellationToken)
            ?? throw new InvalidOperationException($"No digest is stored for {request.Week}.");
        if (stored.Delivery.Delivered)
        {
            return new DigestDeliveryResult(true, true);
        }

        var payload = JsonNode.Parse(stored.Json)!.AsObject();
        payload["markdown"] = stored.Markdown(DigestLanguage.En);
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(payload.ToJsonString(DigestJson.Options), Encoding.UTF8, "application/json"),
        };
        message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        string? error;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.DeliveryTimeout);
            using var response = await http.CreateClient(HttpClientName).SendAsync(message, timeout.Token);
            error = response.IsSuccessStatusCode ? null : $"The webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = $"The webhook could not be reached: {e.Message}";
        }

        await digests.RecordDeliveryAttemptAsync(request.Week, time.GetUtcNow(), error, cancellationToken);
        if (error is not null)
        {
            LogFailed(logger, request.Week, error);
            throw new DigestDeliveryException(error);
        }

        return new DigestDeliveryResult(true, true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of the digest of {Week} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string week, string error);
}
