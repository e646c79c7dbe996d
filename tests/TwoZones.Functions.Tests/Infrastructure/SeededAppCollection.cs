namespace TwoZones.Functions.Tests.Infrastructure;

/// <summary>Test classes that share one seeded app and Azurite (they run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class SeededAppCollection : ICollectionFixture<SeededAppFixture>
{
    public const string Name = "Seeded app";
}
