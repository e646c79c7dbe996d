using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using TwoZones.Core.Catalogue;

namespace TwoZones.Functions.Http;

/// <summary>
/// The JSON the API speaks: camelCase, dates <c>yyyy-MM-dd</c>, instants UTC with <c>Z</c>, Chinese text unescaped, and the
/// characters that matter to HTML (<c>&lt; &gt; &amp; ' "</c>) always escaped, so no value sent back can be read as markup.
/// </summary>
internal static class ApiJson
{
    /// <summary>Shared, read-only serializer options (the domain's own converters, so domain records serialize as the contract shows them).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(CatalogueJson.Options) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
