using Microsoft.AspNetCore.Http;
using TwoZones.Core.Digest;
using TwoZones.Functions.Http;

namespace TwoZones.Functions.Feeds;

/// <summary>Reads <c>?lang=en|zh</c> for feeds and calendars.</summary>
internal static class FeedLanguage
{
    /// <summary>The language asked for; English when none is.</summary>
    public static DigestLanguage Of(HttpRequest request) => QueryParameters.Text(request, "lang") switch
    {
        null => DigestLanguage.En,
        var v when v.Equals("en", StringComparison.OrdinalIgnoreCase) => DigestLanguage.En,
        var v when v.Equals("zh", StringComparison.OrdinalIgnoreCase) => DigestLanguage.Zh,
        var v => throw QueryParameters.Invalid("lang", $"'{v}' is not a language; use en or zh."),
    };

    /// <summary>The language's code as feeds write it.</summary>
    public static string Code(DigestLanguage language) => language == DigestLanguage.Zh ? "zh" : "en";
}
