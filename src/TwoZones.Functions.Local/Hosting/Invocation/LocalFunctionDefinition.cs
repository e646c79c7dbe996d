using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>The <see cref="FunctionDefinition"/> of a discovered function.</summary>
internal sealed class LocalFunctionDefinition : FunctionDefinition
{
    public LocalFunctionDefinition(FunctionDescriptor function)
    {
        var method = function.Method;
        Name = function.Name;
        Id = function.Name;
        EntryPoint = $"{method.DeclaringType!.FullName}.{method.Name}";
        PathToAssembly = method.DeclaringType.Assembly.Location;
        Parameters = [.. method.GetParameters().Select(p => new FunctionParameter(p.Name ?? string.Empty, p.ParameterType, p.HasDefaultValue, p.HasDefaultValue ? p.DefaultValue : null))];
        var triggerType = BindingTypeName(function.TriggerAttribute);
        InputBindings = ImmutableDictionary<string, BindingMetadata>.Empty
            .Add(function.TriggerParameter.Name ?? "trigger", new Binding(function.TriggerParameter.Name ?? "trigger", triggerType, BindingDirection.In));
        OutputBindings = triggerType == "httpTrigger"
            ? ImmutableDictionary<string, BindingMetadata>.Empty.Add("$return", new Binding("$return", "http", BindingDirection.Out))
            : ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    public override ImmutableArray<FunctionParameter> Parameters { get; }

    public override string PathToAssembly { get; }

    public override string EntryPoint { get; }

    public override string Id { get; }

    public override string Name { get; }

    public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; }

    public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; }

    /// <summary>The binding type as function.json names it: <c>HttpTriggerAttribute</c> → <c>httpTrigger</c>.</summary>
    public static string BindingTypeName(Attribute attribute)
    {
        var name = attribute.GetType().Name;
        if (name.EndsWith("Attribute", StringComparison.Ordinal))
        {
            name = name[..^"Attribute".Length];
        }

        return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }

    private sealed class Binding(string name, string type, BindingDirection direction) : BindingMetadata
    {
        public override string Name => name;

        public override string Type => type;

        public override BindingDirection Direction => direction;
    }
}
