using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TwoZones.Core.Progress;

/// <summary>Writes a percentage with exactly one decimal (<c>98.0</c>, not <c>98</c>), as the API documents it.</summary>
internal sealed class OneDecimalJsonConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToString("0.0", CultureInfo.InvariantCulture), skipInputValidation: true);
}
