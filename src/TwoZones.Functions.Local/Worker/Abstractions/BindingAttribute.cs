namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>The base of binding attributes.</summary>
[AttributeUsage(AttributeTargets.Method)]
public abstract class BindingAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    protected BindingAttribute()
    {
    }
}
