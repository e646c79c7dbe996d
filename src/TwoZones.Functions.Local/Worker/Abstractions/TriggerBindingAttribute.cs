namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>The base of trigger attributes; a function has exactly one parameter with a trigger attribute.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public abstract class TriggerBindingAttribute : BindingAttribute
{
    /// <summary>Creates the attribute.</summary>
    protected TriggerBindingAttribute()
    {
    }
}
