using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.Identity;

/// <summary>
/// The least role an HTTP function needs (viewer &lt; official &lt; coordinator); without it, any identified caller may call.
/// <see cref="ApiKeyAuthenticationMiddleware"/> answers 403 to callers below it.
/// </summary>
/// <param name="minimum">The least role.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RequiresRoleAttribute(Role minimum) : Attribute
{
    /// <summary>The least role.</summary>
    public Role Minimum { get; } = minimum;
}
