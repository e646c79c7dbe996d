using TwoZones.Functions.Http;

namespace TwoZones.Functions.Feeds;

/// <summary>Marks a <c>[Function]</c> method as one feed endpoint, whose contract is <see cref="FeedContract.Of"/>.</summary>
/// <param name="format">Which feed.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
internal sealed class FeedEndpointAttribute(FeedFormat format) : EndpointContractAttribute
{
    /// <inheritdoc />
    public override EndpointContract Contract { get; } = FeedContract.Of(format);
}
