namespace Microsoft.Azure.Functions.Worker;

/// <summary>Marks a method as a function; the host discovers it and serves its trigger.</summary>
[AttributeUsage(AttributeTargets.Method)]
public class FunctionAttribute : Attribute
{
    /// <summary>Declares a function named <paramref name="name"/>.</summary>
    /// <param name="name">The function name, unique in the app; it is also the default HTTP route.</param>
    public FunctionAttribute(string name) => Name = name;

    /// <summary>The function name.</summary>
    public string Name { get; }
}
