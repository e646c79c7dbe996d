using System.Collections.Immutable;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Describes a function: its name, entry point and bindings.</summary>
public abstract class FunctionDefinition
{
    /// <summary>The method parameters of the function.</summary>
    public abstract ImmutableArray<FunctionParameter> Parameters { get; }

    /// <summary>The path of the assembly that declares the function.</summary>
    public abstract string PathToAssembly { get; }

    /// <summary>The full name of the method, as <c>Namespace.Type.Method</c>.</summary>
    public abstract string EntryPoint { get; }

    /// <summary>The function id.</summary>
    public abstract string Id { get; }

    /// <summary>The function name.</summary>
    public abstract string Name { get; }

    /// <summary>The input bindings (the trigger included), by name.</summary>
    public abstract IImmutableDictionary<string, BindingMetadata> InputBindings { get; }

    /// <summary>The output bindings, by name.</summary>
    public abstract IImmutableDictionary<string, BindingMetadata> OutputBindings { get; }
}
