namespace TwoZones.Core.Digest;

/// <summary>One of the forms a digest is published in.</summary>
public enum DigestDocument
{
    /// <summary>The digest model as JSON (camelCase), language-neutral.</summary>
    Json,

    /// <summary>Markdown in English.</summary>
    MarkdownEn,

    /// <summary>Markdown in Chinese.</summary>
    MarkdownZh,

    /// <summary>HTML in English.</summary>
    HtmlEn,

    /// <summary>HTML in Chinese.</summary>
    HtmlZh,
}
