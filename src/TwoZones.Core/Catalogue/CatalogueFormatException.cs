namespace TwoZones.Core.Catalogue;

/// <summary>A catalogue document is not well-formed JSON, or a value has the wrong type or format.</summary>
public sealed class CatalogueFormatException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public CatalogueFormatException()
        : this("The catalogue is not valid.", "$")
    {
    }

    /// <summary>Creates the exception for the document root.</summary>
    /// <param name="message">What is wrong.</param>
    public CatalogueFormatException(string message)
        : this(message, "$")
    {
    }

    /// <summary>Creates the exception wrapping a lower-level error.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The parser's own error.</param>
    public CatalogueFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "$";
    }

    /// <summary>Creates the exception for a value at a JSON path.</summary>
    /// <param name="message">What is wrong; should already name the path.</param>
    /// <param name="path">JSON path of the offending value, e.g. <c>$.tasks[3].plannedCommencement</c>.</param>
    /// <param name="innerException">The parser's own error, if any.</param>
    public CatalogueFormatException(string message, string path, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>JSON path of the offending value (<c>$</c> for the document itself).</summary>
    public string Path { get; }
}
