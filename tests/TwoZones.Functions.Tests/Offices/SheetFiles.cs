using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace TwoZones.Functions.Tests.Offices;

/// <summary>Reads and writes sheets with the libraries themselves, as an office's tools would, independently of the app's code.</summary>
public static class SheetFiles
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static List<string[]> ReadCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { HasHeader = false, Separator = ',' });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetString(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static byte[] WriteCsv(IEnumerable<string[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true, ValidateFieldCount = false }, true))
        {
            foreach (var row in rows)
            {
                writer.WriteRecord(row);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The first worksheet's cells as text by row, shared and inline strings resolved (as Excel itself would save them: shared).</summary>
    public static List<string?[]> ReadXlsx(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var worksheet = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var rows = new List<string?[]>();
        foreach (var row in worksheet.Worksheet.Descendants<Row>())
        {
            var cells = new List<string?>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference!.Value!);
                while (cells.Count <= column)
                {
                    cells.Add(null);
                }

                cells[column] = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
                    : cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
                    : cell.CellValue?.Text;
            }

            rows.Add([.. cells]);
        }

        return rows;
    }

    /// <summary>A workbook with shared strings, as Excel saves one.</summary>
    public static byte[] WriteXlsx(IEnumerable<string?[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint number = 1;
            foreach (var row in rows)
            {
                var r = new Row { RowIndex = number };
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is not { } text)
                    {
                        continue;
                    }

                    if (!index.TryGetValue(text, out var s))
                    {
                        s = index[text] = index.Count;
                        strings.SharedStringTable.AppendChild(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                    }

                    r.AppendChild(new Cell { CellReference = ColumnName(i) + number, DataType = CellValues.SharedString, CellValue = new CellValue(s) });
                }

                data.AppendChild(r);
                number++;
            }

            worksheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = "Sheet1" }));
        }

        return buffer.ToArray();
    }

    public static bool HasUtf8Bom(byte[] bytes) => bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);

    private static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetterUpper))
        {
            column = (column * 26) + (c - 'A' + 1);
        }

        return column - 1;
    }

    private static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
