namespace TwoZones.Infra.Tests.Infrastructure;

/// <summary>Every infra test shares one set of bicep runs.</summary>
[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<InfraFixture>
{
    public const string Name = "infra";
}
