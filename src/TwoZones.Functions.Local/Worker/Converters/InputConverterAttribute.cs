namespace Microsoft.Azure.Functions.Worker.Converters;

/// <summary>Names the converter that produces a parameter's value.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Class | AttributeTargets.Interface | AttributeTargets.Enum | AttributeTargets.Struct, AllowMultiple = true)]
public class InputConverterAttribute : Attribute
{
    /// <summary>Uses <paramref name="converterType"/> for the parameter.</summary>
    /// <param name="converterType">The converter type.</param>
    public InputConverterAttribute(Type converterType)
    {
        ArgumentNullException.ThrowIfNull(converterType);
        ConverterType = converterType;
    }

    /// <summary>The converter type.</summary>
    public Type ConverterType { get; }
}
