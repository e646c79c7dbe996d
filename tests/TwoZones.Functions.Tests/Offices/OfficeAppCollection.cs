namespace TwoZones.Functions.Tests.Offices;

/// <summary>The test classes that share one <see cref="OfficeAppFixture"/> (they run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class OfficeAppCollection : ICollectionFixture<OfficeAppFixture>
{
    public const string Name = "Office app";
}
