using Microsoft.Net.Http.Headers;

namespace TwoZones.Functions.Spreadsheets;

/// <summary>The media types and file extensions of <see cref="SheetFormat"/>.</summary>
public static class SheetMediaTypes
{
    /// <summary><c>text/csv</c> (RFC 4180).</summary>
    public const string Csv = "text/csv";

    /// <summary>The Office Open XML workbook media type.</summary>
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The media type of a format, as a response's <c>Content-Type</c> (CSV says its charset).</summary>
    /// <param name="format">The format.</param>
    /// <returns>The header value.</returns>
    public static string ContentType(SheetFormat format) => format == SheetFormat.Csv ? Csv + "; charset=utf-8" : Xlsx;

    /// <summary>The file extension of a format, without the dot.</summary>
    /// <param name="format">The format.</param>
    /// <returns><c>csv</c> or <c>xlsx</c>.</returns>
    public static string Extension(SheetFormat format) => format == SheetFormat.Csv ? "csv" : "xlsx";

    /// <summary>
    /// The spreadsheet format a request's <c>Content-Type</c> declares (<c>text/csv</c>, UTF-8 if a charset is named, or the workbook
    /// type), or <see langword="null"/> for anything else.
    /// </summary>
    /// <param name="contentType">The header value.</param>
    /// <returns>The format, or <see langword="null"/>.</returns>
    public static SheetFormat? FromContentType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            return null;
        }

        if (type.MediaType.Equals(Csv, StringComparison.OrdinalIgnoreCase)
            && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return SheetFormat.Csv;
        }

        return type.MediaType.Equals(Xlsx, StringComparison.OrdinalIgnoreCase) ? SheetFormat.Xlsx : null;
    }
}
