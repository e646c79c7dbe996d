using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TwoZones.Testing;

namespace TwoZones.Workflows.Tests;

/// <summary>A real HTTP receiver (Kestrel on a free loopback port) that records every delivery and answers as told.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private readonly Func<int, int> _statusForAttempt;
    private int _attempts;

    private WebhookReceiver(Func<int, int> statusForAttempt)
    {
        _statusForAttempt = statusForAttempt;
        Port = AzuriteInstance.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var attempt = Interlocked.Increment(ref _attempts);
            var status = _statusForAttempt(attempt);
            _deliveries.Enqueue(new Delivery(attempt, context.Request.Headers["Idempotency-Key"].ToString(), context.Request.ContentType, body, status));
            context.Response.StatusCode = status;
        });
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    /// <summary>Starts a receiver; <paramref name="statusForAttempt"/> maps the 1-based request number to the status it answers.</summary>
    public static async Task<WebhookReceiver> StartAsync(Func<int, int> statusForAttempt)
    {
        var receiver = new WebhookReceiver(statusForAttempt);
        await receiver._app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request the receiver got.</summary>
internal sealed record Delivery(int Attempt, string IdempotencyKey, string? ContentType, string Body, int AnsweredStatus);
