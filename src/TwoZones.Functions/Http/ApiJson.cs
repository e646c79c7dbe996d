using System.Text.Json;
using TwoZones.Core.Catalogue;

namespace TwoZones.Functions.Http;

/// <summary>The JSON the API speaks: camelCase, dates <c>yyyy-MM-dd</c>, instants UTC with <c>Z</c>, Chinese text unescaped.</summary>
internal static class ApiJson
{
    /// <summary>Shared, read-only serializer options (the domain's own, so domain records serialize as the contract shows them).</summary>
    public static JsonSerializerOptions Options { get; } = CatalogueJson.Options;
}
