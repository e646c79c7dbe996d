namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>The base of input binding attributes.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public abstract class InputBindingAttribute : BindingAttribute
{
    /// <summary>Creates the attribute.</summary>
    protected InputBindingAttribute()
    {
    }
}
