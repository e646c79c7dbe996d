using LocalFunctionsHost.Configuration;
using LocalFunctionsHost.Worker;

namespace LocalFunctionsHost.Extensions;

/// <summary>Which binding types the host can serve, and which extension serves each one the host itself does not.</summary>
internal static class BindingExtensions
{
    /// <summary>Handled by the host itself.</summary>
    public static readonly IReadOnlySet<string> BuiltIn = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "httpTrigger", "http", "timerTrigger" };

    /// <summary>The extensions this host ships that the app's functions need; each is created per run.</summary>
    public static IReadOnlyList<IBindingExtension> Create(HostSettings settings, IEnumerable<FunctionDescriptor> functions, bool verbose)
    {
        var extensions = new List<IBindingExtension>();
        if (functions.Any(f => f.Bindings.Any(b => Durable.DurableExtension.Handles(b.Type))))
        {
            extensions.Add(new DurableBindingExtension(settings, verbose));
        }

        return extensions;
    }

    /// <summary>The first binding nothing handles, as one line naming the function and the type; null when all are handled.</summary>
    public static string? FindUnsupported(IEnumerable<FunctionDescriptor> functions, IReadOnlyList<IBindingExtension> extensions)
    {
        foreach (var function in functions)
        {
            foreach (var binding in function.Bindings)
            {
                if (string.Equals(binding.Type, "entityTrigger", StringComparison.OrdinalIgnoreCase))
                {
                    return $"Function '{function.Name}' is a Durable entity (binding type 'entityTrigger'); this local host runs orchestrations and activities but not entities.";
                }

                if (!BuiltIn.Contains(binding.Type) && !extensions.Any(e => e.BindingTypes.Contains(binding.Type)))
                {
                    return $"Function '{function.Name}' uses the binding type '{binding.Type}' (parameter '{binding.Name}'), which this local host does not support.";
                }
            }
        }

        return null;
    }
}
