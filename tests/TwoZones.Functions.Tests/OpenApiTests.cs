using System.Reflection;
using System.Text.RegularExpressions;
using TwoZones.Functions.Tests.Infrastructure;
using TwoZones.Testing;

namespace TwoZones.Functions.Tests;

/// <summary><c>GET /api/openapi.json</c> describes exactly the app's HTTP functions.</summary>
[Collection(SeededAppCollection.Name)]
public sealed partial class OpenApiTests(SeededAppFixture app)
{
    [Fact]
    public async Task The_document_lists_every_http_function_route_and_method_and_nothing_else()
    {
        var document = await app.GetJsonAsync("api/openapi.json");
        Assert.StartsWith("3.0", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var documented = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                documented.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
                Assert.True(operation.Value.GetProperty("responses").EnumerateObject().Any(), $"{operation.Name} {path.Name} has no responses");
            }
        }

        var functions = HttpFunctionsOfTheApp();
        Assert.NotEmpty(functions);
        Assert.Equal(functions, documented);
        Assert.Contains("GET /api/tasks/{id}", documented);
        Assert.Contains("POST /api/catalogue", documented);
    }

    /// <summary>"METHOD /api/route" of every [Function] with an [HttpTrigger] parameter in the built app, route constraints removed.</summary>
    private static SortedSet<string> HttpFunctionsOfTheApp()
    {
        var assembly = Assembly.LoadFrom(AppProcess.BuiltApp());
        var result = new SortedSet<string>(StringComparer.Ordinal);
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(Flags))
            {
                var function = method.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == "FunctionAttribute");
                if (function is null)
                {
                    continue;
                }

                foreach (var parameter in method.GetParameters())
                {
                    var trigger = parameter.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == "HttpTriggerAttribute");
                    if (trigger is null)
                    {
                        continue;
                    }

                    var route = trigger.NamedArguments.FirstOrDefault(a => a.MemberName == "Route").TypedValue.Value as string
                        ?? (string)function.ConstructorArguments[0].Value!;
                    var methods = trigger.ConstructorArguments
                        .Where(a => a.ArgumentType == typeof(string[]))
                        .SelectMany(a => (IEnumerable<CustomAttributeTypedArgument>)a.Value!)
                        .Select(a => ((string)a.Value!).ToUpperInvariant())
                        .ToList();
                    Assert.NotEmpty(methods);
                    foreach (var verb in methods)
                    {
                        result.Add($"{verb} /api/{RouteConstraint().Replace(route.Trim('/'), "{${name}}")}");
                    }
                }
            }
        }

        return result;
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:[:?][^}]*)?\}")]
    private static partial Regex RouteConstraint();
}
