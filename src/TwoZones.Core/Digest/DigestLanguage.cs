namespace TwoZones.Core.Digest;

/// <summary>The language a digest is rendered in.</summary>
public enum DigestLanguage
{
    /// <summary>English.</summary>
    En,

    /// <summary>Chinese.</summary>
    Zh,
}
