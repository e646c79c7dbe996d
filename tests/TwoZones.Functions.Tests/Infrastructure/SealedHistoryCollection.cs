namespace TwoZones.Functions.Tests.Infrastructure;

/// <summary>The test classes that share one <see cref="SealedHistoryFixture"/> (they run one after the other, and assert nothing the others change).</summary>
[CollectionDefinition(Name)]
public sealed class SealedHistoryCollection : ICollectionFixture<SealedHistoryFixture>
{
    public const string Name = "Sealed history";
}
