using System.IO.Compression;

namespace TwoZones.Functions.Evidence;

/// <summary>
/// Tells an evidence file's type from its content, never from its name or declared type: PDF, PNG and JPEG by their signatures, Word
/// and Excel documents by the parts inside their ZIP package.
/// </summary>
public static class EvidenceContent
{
    /// <summary>Largest evidence file: 10 MiB.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>The types accepted, for messages and docs.</summary>
    public const string Accepted = "PDF, PNG, JPEG, DOCX or XLSX";

    /// <summary>The media types <see cref="Detect"/> gives, in the order of <see cref="Accepted"/>.</summary>
    public static IReadOnlyList<string> MediaTypes { get; } = [PdfType, PngType, JpegType, DocxType, XlsxType];

    private const string PdfType = "application/pdf";
    private const string PngType = "image/png";
    private const string JpegType = "image/jpeg";
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The media type of a file, or <see langword="null"/> when it is none of the accepted types.</summary>
    /// <param name="content">The file.</param>
    /// <returns>The media type.</returns>
    public static string? Detect(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var span = content.AsSpan();
        if (span.StartsWith(Pdf))
        {
            return PdfType;
        }

        if (span.StartsWith(Png))
        {
            return PngType;
        }

        if (span.StartsWith(Jpeg))
        {
            return JpegType;
        }

        return span.StartsWith(Zip) ? OfficeType(content) : null;
    }

    private static string? OfficeType(byte[] content)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (archive.GetEntry("[Content_Types].xml") is null)
            {
                return null;
            }

            if (archive.GetEntry("word/document.xml") is not null)
            {
                return DocxType;
            }

            return archive.GetEntry("xl/workbook.xml") is not null ? XlsxType : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
