using TwoZones.Core.Digest;

namespace TwoZones.Storage.Digests;

/// <summary>A weekly digest as stored: the model, its renderings and its delivery state.</summary>
/// <param name="Week">ISO week id, e.g. <c>2026-W48</c>.</param>
/// <param name="InstanceId">The orchestration instance that built it.</param>
/// <param name="StoredAt">When it was (last) stored.</param>
/// <param name="Digest">The digest model.</param>
/// <param name="Documents">The JSON and the four renderings.</param>
/// <param name="Delivery">The webhook delivery state.</param>
public sealed record StoredDigest(
    string Week,
    string InstanceId,
    DateTimeOffset StoredAt,
    Digest Digest,
    IReadOnlyDictionary<DigestDocument, string> Documents,
    DigestDelivery Delivery)
{
    /// <summary>The digest model serialized as stored (camelCase JSON).</summary>
    public string Json => Documents[DigestDocument.Json];

    /// <summary>The Markdown rendering in a language.</summary>
    /// <param name="language">English or Chinese.</param>
    /// <returns>The Markdown document.</returns>
    public string Markdown(DigestLanguage language) =>
        Documents[language == DigestLanguage.Zh ? DigestDocument.MarkdownZh : DigestDocument.MarkdownEn];

    /// <summary>The HTML rendering in a language.</summary>
    /// <param name="language">English or Chinese.</param>
    /// <returns>The HTML document.</returns>
    public string Html(DigestLanguage language) =>
        Documents[language == DigestLanguage.Zh ? DigestDocument.HtmlZh : DigestDocument.HtmlEn];
}
