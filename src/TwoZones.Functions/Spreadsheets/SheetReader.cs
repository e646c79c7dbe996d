using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace TwoZones.Functions.Spreadsheets;

/// <summary>
/// Reads an uploaded CSV file (CsvHelper, RFC 4180; UTF-8 with or without a byte order mark) or the first worksheet of a workbook
/// (Open XML SDK, read row by row) into a <see cref="SheetTable"/>.
/// </summary>
public static class SheetReader
{
    // Characters of one decompressed workbook part: far beyond any real catalogue, small enough that a zip bomb cannot exhaust memory.
    private const long MaxCharactersInPart = 64L * 1024 * 1024;

    /// <summary>Reads the sheet.</summary>
    /// <param name="bytes">The uploaded file.</param>
    /// <param name="format">Its format.</param>
    /// <param name="maxRows">Most rows accepted (headers included).</param>
    /// <returns>The table.</returns>
    /// <exception cref="SheetFormatException">The file is not a readable sheet of that format, or has more than <paramref name="maxRows"/> rows.</exception>
    public static SheetTable Read(byte[] bytes, SheetFormat format, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var rows = format == SheetFormat.Csv ? ReadCsv(bytes, maxRows) : ReadXlsx(bytes, maxRows);
        return new SheetTable(rows);
    }

    private static List<SheetRow> ReadCsv(byte[] bytes, int maxRows)
    {
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        var text = bytes.AsMemory(start);
        if (!System.Text.Unicode.Utf8.IsValid(text.Span))
        {
            throw new SheetFormatException("The CSV file is not UTF-8; save it as \"CSV UTF-8\".");
        }

        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            MalformedData = CsvMalformedDataHandling.Throw,
            // Blank lines are rows in a spreadsheet program too, so keeping them keeps row numbers the same as there.
            SkipEmptyLines = false,
            IncludeValuesInExceptions = false,
        };
        var rows = new List<SheetRow>();
        using var reader = CsvReader.Create(text, options);
        try
        {
            while (reader.Read())
            {
                if (reader.RowNumber > maxRows)
                {
                    throw TooManyRows(maxRows);
                }

                var cells = new string?[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.GetString(i);
                }

                rows.Add(new SheetRow((int)reader.RowNumber, cells));
            }
        }
        catch (CsvFormatException e)
        {
            throw new SheetFormatException(
                $"Row {e.RecordNumber} of the CSV file is malformed: a quote inside a cell that does not start with one, or a quoted cell that does not end. Put such cells in quotes and double the quotes inside.",
                e);
        }

        return rows;
    }

    private static List<SheetRow> ReadXlsx(byte[] bytes, int maxRows)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var workbook = document.WorkbookPart ?? throw new SheetFormatException("The file is not an Excel workbook.");
            var first = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new SheetFormatException("The workbook has no worksheet.");
            if (first.Id?.Value is not { } relationship || workbook.GetPartById(relationship) is not WorksheetPart worksheet)
            {
                throw new SheetFormatException("The workbook's first sheet is not a worksheet.");
            }

            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(TextOf).ToList() ?? [];
            var rows = new List<SheetRow>();
            using var reader = OpenXmlReader.Create(worksheet);
            var next = 1;
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                {
                    continue;
                }

                var row = (Row)reader.LoadCurrentElement()!;
                var number = row.RowIndex?.Value is { } index ? (int)Math.Min(index, int.MaxValue) : next;
                if (number > maxRows || rows.Count >= maxRows)
                {
                    throw TooManyRows(maxRows);
                }

                rows.Add(new SheetRow(number, Cells(row, shared)));
                next = number + 1;
            }

            return rows;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new SheetFormatException("The file is not a readable Excel workbook (.xlsx).", e);
        }
    }

    private static string?[] Cells(Row row, List<string> shared)
    {
        var cells = new List<string?>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
            if (column < 0 || column > 16_383)
            {
                throw new SheetFormatException($"The cell reference '{cell.CellReference?.Value}' is not valid.");
            }

            while (cells.Count <= column)
            {
                cells.Add(null);
            }

            cells[column] = ValueOf(cell, shared);
        }

        return [.. cells];
    }

    private static string? ValueOf(Cell cell, List<string> shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? TextOf(inline) : null;
        }

        var raw = cell.CellValue?.Text;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count
                ? shared[index]
                : throw new SheetFormatException($"Cell {cell.CellReference?.Value} refers to a shared string that does not exist.");
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "true" : raw == "0" ? "false" : raw;
        }

        return raw;
    }

    /// <summary>The text of a rich or plain string item, without phonetic guides (which Excel keeps beside Chinese text).</summary>
    private static string TextOf(OpenXmlElement item)
    {
        if (item.GetFirstChild<Text>() is { } plain)
        {
            return plain.Text;
        }

        var builder = new StringBuilder();
        foreach (var run in item.Elements<Run>())
        {
            builder.Append(run.Text?.Text);
        }

        return builder.ToString();
    }

    private static int ColumnIndex(string reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetterUpper(c))
            {
                break;
            }

            column = (column * 26) + (c - 'A' + 1);
            letters++;
            if (letters > 3)
            {
                return -1;
            }
        }

        return letters == 0 ? -1 : column - 1;
    }

    private static SheetFormatException TooManyRows(int maxRows) =>
        new($"The sheet has more than {maxRows} rows; split it into several files.");
}
