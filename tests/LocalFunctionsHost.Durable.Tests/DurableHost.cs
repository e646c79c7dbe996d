using System.Net;
using System.Text.Json;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TwoZones.Testing;

namespace LocalFunctionsHost.Durable.Tests;

/// <summary>
/// The extension as the host runs it: started against Azurite, its management API on a small HTTP app standing in for the
/// host, and the official Durable client built from the durableClient binding value, as the worker builds it.
/// </summary>
public sealed class DurableHost : IAsyncDisposable
{
    private readonly WebApplication _http;
    private readonly GrpcChannel _channel;

    private DurableHost(DurableExtension extension, WebApplication http, Uri httpBase, GrpcChannel channel, DurableTaskClient client, string bindingValue)
    {
        Extension = extension;
        _http = http;
        HttpBase = httpBase;
        _channel = channel;
        Client = client;
        BindingValue = bindingValue;
    }

    public DurableExtension Extension { get; }

    public Uri HttpBase { get; }

    public DurableTaskClient Client { get; }

    public string BindingValue { get; }

    public static async Task<DurableHost> StartAsync(DurableExtensionOptions options, TestWorker worker)
    {
        var extension = new DurableExtension(options, NullLoggerFactory.Instance);
        worker.RegisterWith(extension);

        var port = AzuriteInstance.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var http = builder.Build();
        extension.MapEndpoints(http);
        await http.StartAsync();
        var httpBase = new Uri($"http://127.0.0.1:{port}/");

        await extension.StartAsync(worker, httpBase, CancellationToken.None);

        var binding = extension.GetClientBindingValue();
        using var payload = JsonDocument.Parse(binding);
        var rpc = new Uri(payload.RootElement.GetProperty("rpcBaseUrl").GetString()!);
        var channel = GrpcChannel.ForAddress(rpc, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = payload.RootElement.GetProperty("maxGrpcMessageSizeInBytes").GetInt32(),
        });
        var client = new GrpcDurableTaskClient("test", new GrpcDurableTaskClientOptions { Channel = channel }, NullLogger.Instance);
        return new DurableHost(extension, http, httpBase, channel, client, binding);
    }

    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    public async Task WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status, TimeSpan? timeout = null) =>
        await Polling.UntilAsync(
            async () => (await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))?.RuntimeStatus == status,
            timeout ?? TimeSpan.FromSeconds(60), $"{instanceId} to be {status}");

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _channel.Dispose();
        await Extension.DisposeAsync();
        await _http.StopAsync();
        await _http.DisposeAsync();
    }
}
