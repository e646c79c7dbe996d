using System.Collections.Concurrent;
using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LocalFunctionsHost.Cli;
using LocalFunctionsHost.Protos;

namespace LocalFunctionsHost.Worker;

/// <summary>
/// The host's end of the worker's event stream. Requests are matched to answers by what they answer (init, metadata,
/// a function id for loads, an invocation id for invocations); everything the host sends goes through one queue because a
/// gRPC stream takes one writer at a time.
/// </summary>
internal sealed class WorkerChannel(ConsoleLog log)
{
    private readonly Channel<StreamingMessage> _outgoing = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<StartStream> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new(StringComparer.Ordinal);

    public Task<StartStream> Connected => _connected.Task;

    /// <summary>Completes when the worker's stream ends.</summary>
    public Task Disconnected => _disconnected.Task;

    /// <summary>Maps an invocation id to the function name, for the log lines the worker sends during an invocation.</summary>
    public ConcurrentDictionary<string, string> InvocationNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Serves one worker connection until it closes (called by the gRPC service).</summary>
    public async Task ServeAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        var writer = Task.Run(
            async () =>
            {
                await foreach (var message in _outgoing.Reader.ReadAllAsync(cancellationToken))
                {
                    await responses.WriteAsync(message, cancellationToken);
                }
            },
            cancellationToken);
        try
        {
            while (await requests.MoveNext(cancellationToken))
            {
                Dispatch(requests.Current);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or Grpc.Core.RpcException)
        {
            // The worker went away; Disconnected tells the host.
        }
        finally
        {
            _disconnected.TrySetResult();
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new IOException("The worker closed its connection."));
            }
        }

        try
        {
            await writer;
        }
        catch (OperationCanceledException)
        {
            // The connection is over.
        }
    }

    public async Task<WorkerInitResponse> InitializeAsync(string appDirectory, CancellationToken cancellationToken)
    {
        var request = new WorkerInitRequest { HostVersion = "4.0.0-local", WorkerDirectory = appDirectory, FunctionAppDirectory = appDirectory };
        var answer = await RequestAsync("init", new StreamingMessage { WorkerInitRequest = request }, cancellationToken);
        return answer.WorkerInitResponse;
    }

    public async Task<FunctionMetadataResponse> GetMetadataAsync(string appDirectory, CancellationToken cancellationToken)
    {
        var answer = await RequestAsync("metadata", new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } }, cancellationToken);
        return answer.FunctionMetadataResponse;
    }

    public async Task<FunctionLoadResponse> LoadAsync(FunctionDescriptor function, CancellationToken cancellationToken)
    {
        var request = new FunctionLoadRequest { FunctionId = function.Id, Metadata = function.Metadata };
        var answer = await RequestAsync("load:" + function.Id, new StreamingMessage { FunctionLoadRequest = request }, cancellationToken);
        return answer.FunctionLoadResponse;
    }

    /// <summary>Sends an invocation and waits for its response; cancelling sends <c>InvocationCancel</c> and stops waiting.</summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await using var cancel = cancellationToken.Register(() => Send(new StreamingMessage
            {
                InvocationCancel = new InvocationCancel { InvocationId = request.InvocationId, GracePeriod = Duration.FromTimeSpan(TimeSpan.Zero) },
            }));
            var answer = await RequestAsync("invoke:" + request.InvocationId, new StreamingMessage { InvocationRequest = request }, cancellationToken);
            return answer.InvocationResponse;
        }
        finally
        {
            InvocationNames.TryRemove(request.InvocationId, out _);
        }
    }

    public void Terminate(TimeSpan grace) => Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(grace) } });

    private async Task<StreamingMessage> RequestAsync(string key, StreamingMessage message, CancellationToken cancellationToken)
    {
        if (Disconnected.IsCompleted)
        {
            throw new IOException("The worker is not connected.");
        }

        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[key] = answer;
        try
        {
            Send(message);
            return await answer.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    private void Send(StreamingMessage message)
    {
        message.RequestId = message.RequestId.Length > 0 ? message.RequestId : Guid.NewGuid().ToString();
        _outgoing.Writer.TryWrite(message);
    }

    private void Dispatch(StreamingMessage message)
    {
        string? key = message.ContentCase switch
        {
            StreamingMessage.ContentOneofCase.StartStream => null,
            StreamingMessage.ContentOneofCase.WorkerInitResponse => "init",
            StreamingMessage.ContentOneofCase.FunctionMetadataResponse => "metadata",
            StreamingMessage.ContentOneofCase.FunctionLoadResponse => "load:" + message.FunctionLoadResponse.FunctionId,
            StreamingMessage.ContentOneofCase.InvocationResponse => "invoke:" + message.InvocationResponse.InvocationId,
            _ => null,
        };
        if (message.ContentCase == StreamingMessage.ContentOneofCase.StartStream)
        {
            _connected.TrySetResult(message.StartStream);
        }
        else if (message.ContentCase == StreamingMessage.ContentOneofCase.RpcLog)
        {
            Log(message.RpcLog);
        }
        else if (key is not null && _pending.TryGetValue(key, out var waiter))
        {
            waiter.TrySetResult(message);
        }
    }

    private void Log(RpcLog entry)
    {
        // As Core Tools: a function's own logs (written during an invocation) from Information up, the rest of the worker from
        // Warning up; everything with --verbose.
        var user = entry.LogCategory == RpcLog.Types.RpcLogCategory.User && entry.InvocationId.Length > 0;
        var shown = log.Verbose || entry.Level >= RpcLog.Types.Level.Warning || (user && entry.Level >= RpcLog.Types.Level.Information);
        if (!shown || entry.Level == RpcLog.Types.Level.None)
        {
            return;
        }

        var text = entry.Message;
        if (log.Verbose && entry.Exception is { } ex && ex.Message.Length > 0)
        {
            text += $"{Environment.NewLine}{ex.Type}: {ex.Message}{Environment.NewLine}{ex.StackTrace}";
        }

        if (entry.Level >= RpcLog.Types.Level.Error)
        {
            log.Error(text);
        }
        else
        {
            log.Info(text);
        }
    }
}
