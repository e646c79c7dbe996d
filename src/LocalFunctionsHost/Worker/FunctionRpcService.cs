using Grpc.Core;
using LocalFunctionsHost.Protos;

namespace LocalFunctionsHost.Worker;

/// <summary>The gRPC service the worker dials; it hands the stream to the one <see cref="WorkerChannel"/>.</summary>
internal sealed class FunctionRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
        => channel.ServeAsync(requestStream, responseStream, context.CancellationToken);
}
