using System.Collections.Immutable;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>A parameter of a function method.</summary>
public class FunctionParameter
{
    /// <summary>A parameter without a default value or properties.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="type">The parameter type.</param>
    public FunctionParameter(string name, Type type)
        : this(name, type, false, null, ImmutableDictionary<string, object>.Empty)
    {
    }

    /// <summary>A parameter that may have a default value.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="type">The parameter type.</param>
    /// <param name="hasDefaultValue">Whether the parameter declares a default value.</param>
    /// <param name="defaultValue">The default value.</param>
    public FunctionParameter(string name, Type type, bool hasDefaultValue, object? defaultValue)
        : this(name, type, hasDefaultValue, defaultValue, ImmutableDictionary<string, object>.Empty)
    {
    }

    /// <summary>A parameter with properties.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="type">The parameter type.</param>
    /// <param name="properties">Extra properties of the parameter.</param>
    public FunctionParameter(string name, Type type, IReadOnlyDictionary<string, object> properties)
        : this(name, type, false, null, properties)
    {
    }

    /// <summary>A parameter with a possible default value and properties.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="type">The parameter type.</param>
    /// <param name="hasDefaultValue">Whether the parameter declares a default value.</param>
    /// <param name="defaultValue">The default value.</param>
    /// <param name="properties">Extra properties of the parameter.</param>
    public FunctionParameter(string name, Type type, bool hasDefaultValue, object? defaultValue, IReadOnlyDictionary<string, object> properties)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(properties);
        Name = name;
        Type = type;
        HasDefaultValue = hasDefaultValue;
        DefaultValue = defaultValue;
        IsReferenceOrNullableType = !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;
        Properties = properties;
    }

    /// <summary>The parameter name.</summary>
    public string Name { get; }

    /// <summary>The parameter type.</summary>
    public Type Type { get; }

    /// <summary>Whether the parameter declares a default value.</summary>
    public bool HasDefaultValue { get; }

    /// <summary>Whether null can be assigned to the parameter.</summary>
    public bool IsReferenceOrNullableType { get; }

    /// <summary>The declared default value, if any.</summary>
    public object? DefaultValue { get; }

    /// <summary>Extra properties of the parameter.</summary>
    public IReadOnlyDictionary<string, object> Properties { get; }
}
