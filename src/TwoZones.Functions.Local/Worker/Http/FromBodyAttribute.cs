using Microsoft.Azure.Functions.Worker.Converters;

namespace Microsoft.Azure.Functions.Worker.Http;

/// <summary>Binds a parameter of an HTTP function from the JSON request body (web defaults: camelCase, case-insensitive).</summary>
public class FromBodyAttribute : InputConverterAttribute
{
    /// <summary>Creates the attribute.</summary>
    public FromBodyAttribute()
        : base(typeof(FromBodyAttribute))
    {
    }
}
