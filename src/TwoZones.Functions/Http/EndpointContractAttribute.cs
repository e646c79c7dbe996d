namespace TwoZones.Functions.Http;

/// <summary>Gives a <c>[Function]</c> method a contract written elsewhere, so routes that behave alike share one definition.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
internal abstract class EndpointContractAttribute : Attribute
{
    /// <summary>The function's contract.</summary>
    public abstract EndpointContract Contract { get; }
}
