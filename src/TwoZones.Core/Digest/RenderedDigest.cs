namespace TwoZones.Core.Digest;

/// <summary>A digest with every form it is published in: its JSON and its Markdown and HTML renderings in English and Chinese.</summary>
public sealed class RenderedDigest
{
    private RenderedDigest(Digest digest, IReadOnlyDictionary<DigestDocument, string> documents)
    {
        Digest = digest;
        Documents = documents;
    }

    /// <summary>The digest model.</summary>
    public Digest Digest { get; }

    /// <summary>Each form's text, one for every <see cref="DigestDocument"/>.</summary>
    public IReadOnlyDictionary<DigestDocument, string> Documents { get; }

    /// <summary>Renders a digest in every form.</summary>
    /// <param name="digest">The digest.</param>
    /// <returns>The digest with its documents.</returns>
    public static RenderedDigest Of(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var documents = new Dictionary<DigestDocument, string>
        {
            [DigestDocument.Json] = DigestJson.Serialize(digest),
            [DigestDocument.MarkdownEn] = DigestRenderer.ToMarkdown(digest, DigestLanguage.En),
            [DigestDocument.MarkdownZh] = DigestRenderer.ToMarkdown(digest, DigestLanguage.Zh),
            [DigestDocument.HtmlEn] = DigestRenderer.ToHtml(digest, DigestLanguage.En),
            [DigestDocument.HtmlZh] = DigestRenderer.ToHtml(digest, DigestLanguage.Zh),
        };
        return new RenderedDigest(digest, documents);
    }
}
