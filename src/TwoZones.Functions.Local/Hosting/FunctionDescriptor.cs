using System.Reflection;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>A function found in the app assembly: a method with <c>[Function]</c> and exactly one trigger parameter.</summary>
/// <param name="Name">The name given in <c>[Function(name)]</c>.</param>
/// <param name="Method">The method to invoke (static, or instance on a type created per invocation from DI).</param>
/// <param name="TriggerParameter">The parameter that carries a trigger attribute.</param>
/// <param name="TriggerAttribute">That trigger attribute (HTTP, timer, orchestration, activity, ...).</param>
internal sealed record FunctionDescriptor(string Name, MethodInfo Method, ParameterInfo TriggerParameter, Attribute TriggerAttribute);
