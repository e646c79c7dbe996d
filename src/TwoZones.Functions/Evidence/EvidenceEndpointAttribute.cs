using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Http;

namespace TwoZones.Functions.Evidence;

/// <summary>Marks a <c>[Function]</c> method as one evidence endpoint, whose contract is <see cref="EvidenceContract.Of"/>.</summary>
/// <param name="kind">Task or measure.</param>
/// <param name="operation">What the endpoint does.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
internal sealed class EvidenceEndpointAttribute(ItemKind kind, EvidenceOperation operation) : EndpointContractAttribute
{
    /// <inheritdoc />
    public override EndpointContract Contract { get; } = EvidenceContract.Of(kind, operation);
}
