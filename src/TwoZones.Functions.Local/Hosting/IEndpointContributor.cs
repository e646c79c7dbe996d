using Microsoft.AspNetCore.Routing;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>Adds host-level HTTP endpoints outside the app's route prefix (for example the Durable management webhooks).</summary>
internal interface IEndpointContributor
{
    /// <summary>Maps the contributor's endpoints.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints);
}
