using TwoZones.Core.Catalogue;
using TwoZones.Functions.Http;

namespace TwoZones.Functions.Items;

/// <summary>Marks a <c>[Function]</c> method as one item endpoint, whose contract is <see cref="ItemContract.Of"/>.</summary>
/// <param name="kind">Task or measure.</param>
/// <param name="operation">What the endpoint does.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
internal sealed class ItemEndpointAttribute(ItemKind kind, ItemOperation operation) : EndpointContractAttribute
{
    /// <inheritdoc />
    public override EndpointContract Contract { get; } = ItemContract.Of(kind, operation);
}
