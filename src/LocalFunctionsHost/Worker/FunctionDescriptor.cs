using LocalFunctionsHost.Protos;

namespace LocalFunctionsHost.Worker;

/// <summary>A function as the worker indexed it, with its trigger picked out.</summary>
/// <param name="Name">The function name (<c>[Function("Name")]</c>).</param>
/// <param name="Id">The worker's function id, used in invocations.</param>
/// <param name="Metadata">The metadata as received, echoed back in the load request.</param>
/// <param name="Bindings">All bindings.</param>
internal sealed record FunctionDescriptor(string Name, string Id, RpcFunctionMetadata Metadata, IReadOnlyList<BindingDescriptor> Bindings)
{
    public BindingDescriptor? Trigger => Bindings.FirstOrDefault(b => b.IsTrigger);

    public static FunctionDescriptor From(RpcFunctionMetadata metadata)
    {
        var bindings = metadata.RawBindings.Select(BindingDescriptor.Parse).ToList();
        var id = metadata.FunctionId.Length > 0 ? metadata.FunctionId : Guid.NewGuid().ToString();
        return new FunctionDescriptor(metadata.Name, id, metadata, bindings);
    }
}
