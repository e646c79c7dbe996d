using System.Reflection;
using System.Runtime.CompilerServices;

namespace TwoZones.Functions.Local.Tests.Surface;

/// <summary>
/// Describes an assembly's public surface in the line format of docs/sdk-surface/*.txt (defined at the top of worker.txt).
/// </summary>
internal static class SurfaceDescriber
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every line for the public types of <paramref name="assembly"/> whose namespace is not one of ours (TwoZones.*).</summary>
    public static IReadOnlyList<string> Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().Where(IsSdkType).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.AddRange(DescribeType(type));
        }

        return lines;
    }

    public static bool IsSdkType(Type type) => type.Namespace is null || !type.Namespace.StartsWith("TwoZones", StringComparison.Ordinal);

    private static IEnumerable<string> DescribeType(Type type)
    {
        var name = Name(type);
        yield return $"T {Kind(type)} {name}";
        if (typeof(Delegate).IsAssignableFrom(type.BaseType))
        {
            var invoke = type.GetMethod("Invoke")!;
            yield return $"D {name}({Parameters(invoke.GetParameters())}) : {Name(invoke.ReturnType)}";
            yield break;
        }

        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return $"F {name}.{field.Name} = {Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        foreach (var ctor in type.GetConstructors(Declared).Where(Visible))
        {
            yield return $"C {name}({Parameters(ctor.GetParameters())})";
        }

        foreach (var property in type.GetProperties(Declared))
        {
            var accessors = new List<string>();
            if (property.GetMethod is { } get && Visible(get))
            {
                accessors.Add("get;");
            }

            if (property.SetMethod is { } set && Visible(set))
            {
                var init = set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
                accessors.Add(init ? "init;" : "set;");
            }

            if (accessors.Count == 0 || property.Name.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            var indexer = property.GetIndexParameters() is { Length: > 0 } index ? $"[{Parameters(index)}]" : string.Empty;
            yield return $"P {name}.{property.Name}{indexer} : {Name(property.PropertyType)} {{ {string.Join(" ", accessors)} }}";
        }

        foreach (var method in type.GetMethods(Declared).Where(Visible))
        {
            if ((method.IsSpecialName && !method.Name.StartsWith("op_", StringComparison.Ordinal)) || method.Name.Contains('<', StringComparison.Ordinal) || method.Name.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            var generic = method.IsGenericMethodDefinition ? $"<{string.Join(",", method.GetGenericArguments().Select(a => a.Name))}>" : string.Empty;
            yield return $"M {name}.{method.Name}{generic}({Parameters(method.GetParameters())}) : {Name(method.ReturnType)}";
        }

        foreach (var field in type.GetFields(Declared).Where(f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly))
        {
            yield return $"F {name}.{field.Name} : {Name(field.FieldType)}";
        }

        foreach (var e in type.GetEvents(Declared).Where(e => e.AddMethod is { } add && Visible(add)))
        {
            yield return $"E {name}.{e.Name} : {Name(e.EventHandlerType!)}";
        }
    }

    private static bool Visible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static string Kind(Type type)
    {
        if (type.IsInterface)
        {
            return "interface";
        }

        if (type.IsEnum)
        {
            return "enum";
        }

        if (type.IsValueType)
        {
            return "struct";
        }

        if (typeof(Delegate).IsAssignableFrom(type.BaseType))
        {
            return "delegate";
        }

        return type switch
        {
            { IsAbstract: true, IsSealed: true } => "static class",
            { IsAbstract: true } => "abstract class",
            { IsSealed: true } => "sealed class",
            _ => "class",
        };
    }

    private static string Parameters(ParameterInfo[] parameters) => string.Join(", ", parameters.Select(p => Name(p.ParameterType)));

    /// <summary>The CLR name: namespace-qualified, generic arguments in &lt;&gt;, nested types with '+', by-ref with '&amp;'.</summary>
    public static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!) + "&";
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var prefix = type.IsNested ? Name(type.DeclaringType!.IsGenericType ? type.DeclaringType.GetGenericTypeDefinition() : type.DeclaringType) + "+" : type.Namespace is null ? string.Empty : type.Namespace + ".";
        var simple = type.Name;
        var tick = simple.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            simple = simple[..tick];
        }

        if (!type.IsGenericType)
        {
            return prefix + simple;
        }

        var arguments = type.GetGenericArguments();
        if (type.IsNested && type.DeclaringType!.IsGenericType)
        {
            arguments = arguments[type.DeclaringType.GetGenericArguments().Length..];
        }

        return arguments.Length == 0 ? prefix + simple : $"{prefix}{simple}<{string.Join(",", arguments.Select(Name))}>";
    }
}
