using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Catalogue;

/// <summary>
/// Reads and writes the catalogue import format (see <c>api.md</c>): camelCase properties, dates as <c>yyyy-MM-dd</c>,
/// status by name (case-insensitive on input, default <see cref="ItemStatus.Proposed"/>), measures carry <c>tasks</c>.
/// An item's <see cref="ItemKind"/> comes from the array it is in.
/// </summary>
public static class CatalogueJson
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>
    /// Options other components can share for the domain's JSON (read-only): camelCase, enums as the domain names them,
    /// dates as <c>yyyy-MM-dd</c>, instants as UTC with <c>Z</c>, Chinese text unescaped.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Parses a catalogue document. Semantic checks are <see cref="CatalogueValidator"/>'s job.</summary>
    /// <param name="json">The document text.</param>
    /// <returns>The catalogue; missing arrays become empty, missing strings become empty strings.</returns>
    /// <exception cref="CatalogueFormatException">Malformed JSON, or a value of the wrong type or format; the message names its JSON path.</exception>
    public static Catalogue Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var path = ex.Path ?? "$";
            throw new CatalogueFormatException(
                $"Malformed JSON at {path} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}", path, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CatalogueFormatException($"$ must be an object, found {Describe(root.ValueKind)}.", "$");
            }

            return new Catalogue(
                ReadArray(root, "agencies", "$", ReadAgency),
                ReadArray(root, "programmes", "$", ReadProgramme),
                ReadArray(root, "tasks", "$", (e, p) => ReadItem(e, p, ItemKind.Task)),
                ReadArray(root, "measures", "$", (e, p) => ReadItem(e, p, ItemKind.Measure)));
        }
    }

    /// <summary>Writes a catalogue in the import format; <see cref="Parse"/> reads it back to an equal catalogue.</summary>
    /// <param name="catalogue">The catalogue to write.</param>
    /// <returns>Indented UTF-8 JSON text.</returns>
    public static string Serialize(Catalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("agencies");
            foreach (var agency in catalogue.Agencies)
            {
                writer.WriteStartObject();
                writer.WriteString("id", agency.Id);
                writer.WriteString("nameEn", agency.NameEn);
                writer.WriteString("nameZh", agency.NameZh);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("programmes");
            foreach (var programme in catalogue.Programmes)
            {
                writer.WriteStartObject();
                writer.WriteString("id", programme.Id);
                writer.WriteString("nameEn", programme.NameEn);
                writer.WriteString("nameZh", programme.NameZh);
                writer.WriteString("leadAgency", programme.LeadAgency);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteItems(writer, "tasks", catalogue.Tasks, withTasks: false);
            WriteItems(writer, "measures", catalogue.Measures, withTasks: true);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new UtcInstantJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static void WriteItems(Utf8JsonWriter writer, string name, IReadOnlyList<CatalogueItem> items, bool withTasks)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStartObject();
            writer.WriteString("id", item.Id);
            writer.WriteString("programme", item.Programme);
            if (withTasks)
            {
                WriteStrings(writer, "tasks", item.Tasks);
            }

            writer.WriteString("titleEn", item.TitleEn);
            writer.WriteString("titleZh", item.TitleZh);
            writer.WriteString("leadAgency", item.LeadAgency);
            WriteStrings(writer, "coAgencies", item.CoAgencies);
            WriteNullableString(writer, "district", item.District);
            WriteDate(writer, "plannedCommencement", item.PlannedCommencement);
            WriteDate(writer, "plannedCompletion", item.PlannedCompletion);
            writer.WriteString("status", item.Status.ToString());
            WriteDate(writer, "commencedOn", item.CommencedOn);
            WriteDate(writer, "completedOn", item.CompletedOn);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateOnly? value) =>
        WriteNullableString(writer, name, value?.ToString(DateFormat, CultureInfo.InvariantCulture));

    private static Agency ReadAgency(JsonElement element, string path) =>
        new(RequiredString(element, "id", path), RequiredString(element, "nameEn", path), RequiredString(element, "nameZh", path));

    private static Programme ReadProgramme(JsonElement element, string path) =>
        new(
            RequiredString(element, "id", path),
            RequiredString(element, "nameEn", path),
            RequiredString(element, "nameZh", path),
            RequiredString(element, "leadAgency", path));

    private static CatalogueItem ReadItem(JsonElement element, string path, ItemKind kind) =>
        new()
        {
            Id = RequiredString(element, "id", path),
            Kind = kind,
            Programme = RequiredString(element, "programme", path),
            TitleEn = RequiredString(element, "titleEn", path),
            TitleZh = RequiredString(element, "titleZh", path),
            LeadAgency = RequiredString(element, "leadAgency", path),
            CoAgencies = ReadArray(element, "coAgencies", path, ReadStringValue),
            District = OptionalString(element, "district", path),
            Tasks = kind == ItemKind.Measure ? ReadArray(element, "tasks", path, ReadStringValue) : [],
            PlannedCommencement = OptionalDate(element, "plannedCommencement", path),
            PlannedCompletion = OptionalDate(element, "plannedCompletion", path),
            Status = OptionalStatus(element, "status", path),
            CommencedOn = OptionalDate(element, "commencedOn", path),
            CompletedOn = OptionalDate(element, "completedOn", path),
        };

    private static List<T> ReadArray<T>(JsonElement parent, string name, string parentPath, Func<JsonElement, string, T> read)
    {
        var path = $"{parentPath}.{name}";
        if (!parent.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(path, "an array", array.ValueKind);
        }

        var result = new List<T>(array.GetArrayLength());
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var elementPath = $"{path}[{index}]";
            result.Add(read(element, elementPath));
            index++;
        }

        return result;
    }

    private static string ReadStringValue(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw WrongType(path, "a string", element.ValueKind);

    private static void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(path, "an object", element.ValueKind);
        }
    }

    private static string RequiredString(JsonElement element, string name, string path) =>
        OptionalString(element, name, path) ?? string.Empty;

    private static string? OptionalString(JsonElement element, string name, string path)
    {
        RequireObject(element, path);
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return ReadStringValue(value, $"{path}.{name}");
    }

    private static DateOnly? OptionalDate(JsonElement element, string name, string path)
    {
        var text = OptionalString(element, name, path);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CatalogueFormatException($"{path}.{name} must be a date formatted yyyy-MM-dd, found \"{text}\".", $"{path}.{name}");
    }

    private static ItemStatus OptionalStatus(JsonElement element, string name, string path)
    {
        var text = OptionalString(element, name, path);
        if (text is null)
        {
            return ItemStatus.Proposed;
        }

        // Enum.TryParse would also accept numbers like "1"; only the three names are part of the format.
        foreach (var status in Enum.GetValues<ItemStatus>())
        {
            if (string.Equals(status.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return status;
            }
        }

        throw new CatalogueFormatException(
            $"{path}.{name} must be one of Proposed, Commenced, Completed, found \"{text}\".", $"{path}.{name}");
    }

    private static CatalogueFormatException WrongType(string path, string expected, JsonValueKind found) =>
        new($"{path} must be {expected}, found {Describe(found)}.", path);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
