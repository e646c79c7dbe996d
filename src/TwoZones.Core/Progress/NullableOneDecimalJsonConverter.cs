using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TwoZones.Core.Progress;

/// <summary>Writes an optional percentage with exactly one decimal (<c>110.0</c>), or <c>null</c>.</summary>
public sealed class NullableOneDecimalJsonConverter : JsonConverter<double?>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble();

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value is { } number)
        {
            writer.WriteRawValue(number.ToString("0.0", CultureInfo.InvariantCulture), skipInputValidation: true);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
