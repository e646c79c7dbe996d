using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>The app's functions: every method with <c>[Function]</c> in the entry assembly, each with exactly one trigger.</summary>
internal sealed class FunctionCatalog(LocalHostOptions options)
{
    private const BindingFlags Methods = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
    private readonly Lazy<Discovery> _discovery = new(() => Discover(options.FunctionTypes ?? EntryAssemblyTypes()));

    /// <summary>The functions with a well-formed trigger.</summary>
    public IReadOnlyList<FunctionDescriptor> Functions => _discovery.Value.Functions;

    /// <summary>Why some <c>[Function]</c> methods cannot run (no trigger, two triggers, a duplicate name).</summary>
    public IReadOnlyList<string> Problems => _discovery.Value.Problems;

    /// <summary>Whether <paramref name="attribute"/> marks a trigger parameter.</summary>
    public static bool IsTrigger(Attribute attribute)
        => attribute is TriggerBindingAttribute || attribute.GetType().Name.EndsWith("TriggerAttribute", StringComparison.Ordinal);

    private static Type[] EntryAssemblyTypes()
    {
        var assembly = Assembly.GetEntryAssembly();
        if (assembly is null)
        {
            return [];
        }

        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return [.. e.Types.OfType<Type>()];
        }
    }

    private static Discovery Discover(IEnumerable<Type> types)
    {
        var functions = new List<FunctionDescriptor>();
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in types)
        {
            foreach (var method in type.GetMethods(Methods))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                var where = $"Function '{function.Name}' ({type.FullName}.{method.Name})";
                var triggers = method.GetParameters()
                    .SelectMany(p => p.GetCustomAttributes().Where(IsTrigger).Select(a => (Parameter: p, Attribute: a)))
                    .ToList();
                if (triggers.Count != 1)
                {
                    problems.Add(triggers.Count == 0
                        ? $"{where} has no trigger parameter; exactly one parameter needs a trigger attribute such as [HttpTrigger] or [TimerTrigger]."
                        : $"{where} has {triggers.Count} trigger parameters ({string.Join(", ", triggers.Select(t => t.Parameter.Name))}); exactly one is allowed.");
                    continue;
                }

                if (!names.Add(function.Name))
                {
                    problems.Add($"{where}: another function is already named '{function.Name}'.");
                    continue;
                }

                functions.Add(new FunctionDescriptor(function.Name, method, triggers[0].Parameter, triggers[0].Attribute));
            }
        }

        return new Discovery(functions, problems);
    }

    private sealed record Discovery(IReadOnlyList<FunctionDescriptor> Functions, IReadOnlyList<string> Problems);
}
