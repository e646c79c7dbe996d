using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Tests;

public class CatalogueJsonTests
{
    [Fact]
    public void Serialize_then_parse_round_trips()
    {
        var original = TestCatalogues.Valid();

        var json = CatalogueJson.Serialize(original);
        var parsed = CatalogueJson.Parse(json);

        Assert.Equal(original.Agencies, parsed.Agencies);
        Assert.Equal(original.Programmes, parsed.Programmes);
        Assert.Equal(json, CatalogueJson.Serialize(parsed));
        var t002 = parsed.Tasks[1];
        Assert.Equal(ItemKind.Task, t002.Kind);
        Assert.Equal(ItemStatus.Commenced, t002.Status);
        Assert.Equal(new DateOnly(2024, 3, 1), t002.CommencedOn);
        Assert.Equal(["BMFB"], t002.CoAgencies);
        Assert.Equal("CY", t002.District);
        var measure = Assert.Single(parsed.Measures);
        Assert.Equal(ItemKind.Measure, measure.Kind);
        Assert.Equal(["T001", "T002"], measure.Tasks);
        Assert.Equal("Cross-border data \"pilot\" <fast track>", measure.TitleEn);
        Assert.Contains("数据跨境试点", json, StringComparison.Ordinal);
        Assert.Contains("\"plannedCommencement\": \"2023-03-01\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_applies_defaults_and_case_insensitive_status()
    {
        const string json = """
            { "agencies": [ { "id": "BMCB", "nameEn": "Commerce", "nameZh": "商务局" } ],
              "programmes": [ { "id": "P01", "nameEn": "One", "nameZh": "一", "leadAgency": "BMCB" } ],
              "tasks": [
                { "id": "T001", "programme": "P01", "titleEn": "a", "titleZh": "甲", "leadAgency": "BMCB" },
                { "id": "T002", "programme": "P01", "titleEn": "b", "titleZh": "乙", "leadAgency": "BMCB",
                  "status": "commenced", "commencedOn": "2024-05-06", "district": null, "coAgencies": null } ] }
            """;

        var catalogue = CatalogueJson.Parse(json);

        Assert.Empty(catalogue.Measures);
        Assert.Equal(ItemStatus.Proposed, catalogue.Tasks[0].Status);
        Assert.Null(catalogue.Tasks[0].PlannedCommencement);
        Assert.Empty(catalogue.Tasks[0].CoAgencies);
        Assert.Equal(ItemStatus.Commenced, catalogue.Tasks[1].Status);
        Assert.Equal(new DateOnly(2024, 5, 6), catalogue.Tasks[1].CommencedOn);
        Assert.Empty(CatalogueValidator.Validate(catalogue));
    }

    [Theory]
    [InlineData("""{ "tasks": [ { "id": "T001", "plannedCommencement": "2023/03/01" } ] }""", "$.tasks[0].plannedCommencement")]
    [InlineData("""{ "tasks": [ {}, { "id": 5 } ] }""", "$.tasks[1].id")]
    [InlineData("""{ "tasks": [ { "id": "T001", "status": "Started" } ] }""", "$.tasks[0].status")]
    [InlineData("""{ "measures": [ { "id": "P01-M001", "tasks": "T001" } ] }""", "$.measures[0].tasks")]
    [InlineData("""{ "measures": [ { "id": "P01-M001", "tasks": [ "T001", 2 ] } ] }""", "$.measures[0].tasks[1]")]
    [InlineData("""{ "agencies": {} }""", "$.agencies")]
    [InlineData("""{ "programmes": [ "P01" ] }""", "$.programmes[0]")]
    [InlineData("""{ "tasks": [ { "id": "T001", "coAgencies": [ true ] } ] }""", "$.tasks[0].coAgencies[0]")]
    [InlineData("""[ 1, 2 ]""", "$")]
    public void Wrong_types_throw_naming_the_path(string json, string path)
    {
        var ex = Assert.Throws<CatalogueFormatException>(() => CatalogueJson.Parse(json));

        Assert.Equal(path, ex.Path);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "tasks": [ { "id": "T001", } ] }""")]
    [InlineData("""{ "tasks": [ { "id": "T001" ] }""")]
    [InlineData("")]
    [InlineData("not json")]
    public void Malformed_json_throws_with_position(string json)
    {
        var ex = Assert.Throws<CatalogueFormatException>(() => CatalogueJson.Parse(json));

        Assert.StartsWith("$", ex.Path, StringComparison.Ordinal);
        Assert.Contains("Malformed JSON", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", ex.Message, StringComparison.Ordinal);
    }
}
