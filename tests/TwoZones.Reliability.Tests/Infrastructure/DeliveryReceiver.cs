using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TwoZones.Testing;

namespace TwoZones.Reliability.Tests.Infrastructure;

/// <summary>A webhook endpoint on real Kestrel (a free loopback port) that records every digest delivered to it.</summary>
public sealed class DeliveryReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DeliveryReceiver(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}/digest";
    }

    /// <summary>Where to deliver.</summary>
    public string Url { get; }

    /// <summary>The bodies received, in order.</summary>
    public ConcurrentQueue<string> Deliveries { get; } = new();

    /// <summary>Starts listening.</summary>
    public static async Task<DeliveryReceiver> StartAsync()
    {
        var port = AzuriteInstance.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new DeliveryReceiver(app, port);
        app.MapPost("/digest", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            receiver.Deliveries.Enqueue(await reader.ReadToEndAsync());
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
