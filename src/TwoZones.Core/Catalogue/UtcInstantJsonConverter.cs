using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TwoZones.Core.Catalogue;

/// <summary>Writes instants as UTC with <c>Z</c> (the API's contract), trailing zero fractions trimmed; reads any ISO 8601 instant.</summary>
internal sealed class UtcInstantJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
