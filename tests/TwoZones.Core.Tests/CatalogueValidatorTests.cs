using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Tests;

public class CatalogueValidatorTests
{
    [Fact]
    public void Valid_catalogue_has_no_errors()
    {
        Assert.Empty(CatalogueValidator.Validate(TestCatalogues.Valid()));
        Assert.Empty(CatalogueValidator.Validate(TestCatalogues.Valid(), new DateOnly(2026, 11, 23)));
    }

    [Fact]
    public void Lists_every_error_of_a_catalogue_with_many_faults()
    {
        var valid = TestCatalogues.Valid();
        var broken = new Catalogue.Catalogue(
            [.. valid.Agencies, new Agency("BMCB", "Duplicate", " ")],
            [.. valid.Programmes, new Programme("P1", "", "坏", "XXX"), new Programme("P02", "Again", "再", "BMCB")],
            [
                valid.Tasks[0],
                valid.Tasks[0] with { TitleZh = "重复" },
                TestCatalogues.Task("T0004", ItemStatus.Proposed),
                TestCatalogues.Task("T005", ItemStatus.Proposed) with { Programme = "P99", LeadAgency = "NOPE", CoAgencies = ["BMFB", "GHOST"], TitleEn = "  " },
                TestCatalogues.Task("T006", ItemStatus.Proposed) with { CommencedOn = new DateOnly(2024, 1, 1) },
                TestCatalogues.Task("T007", ItemStatus.Commenced) with { CompletedOn = new DateOnly(2024, 1, 1) },
                TestCatalogues.Task("T008", ItemStatus.Completed) with { CommencedOn = new DateOnly(2024, 5, 1), CompletedOn = new DateOnly(2024, 4, 30) },
                TestCatalogues.Task("T009", ItemStatus.Completed) with { CommencedOn = new DateOnly(2024, 5, 1) },
                TestCatalogues.Task("T010", ItemStatus.Proposed) with { PlannedCommencement = new DateOnly(2025, 1, 2), PlannedCompletion = new DateOnly(2025, 1, 1) },
                TestCatalogues.Task("T011", ItemStatus.Commenced) with { CommencedOn = new DateOnly(2026, 11, 24) },
            ],
            [
                valid.Measures[0] with { Tasks = ["T001", "T404"] },
                valid.Measures[0] with { Id = "P01-M001", Tasks = ["T001"] },
                valid.Measures[0] with { Id = "P02-M1", Tasks = [] },
                valid.Measures[0] with { Id = "P02-M002", TitleZh = "", Tasks = [] },
            ]);

        var errors = CatalogueValidator.Validate(broken, new DateOnly(2026, 11, 23));

        AssertError(errors, "BMCB", "id", "Duplicate agency");
        AssertError(errors, "BMCB", "nameZh", "Chinese name");
        AssertError(errors, "P1", "id", "not a valid programme id");
        AssertError(errors, "P1", "nameEn", "English name");
        AssertError(errors, "P1", "leadAgency", "unknown agency XXX");
        AssertError(errors, "P02", "id", "Duplicate programme");
        AssertError(errors, "T001", "id", "Duplicate task");
        AssertError(errors, "T0004", "id", "not a valid task id");
        AssertError(errors, "T005", "programme", "unknown programme P99");
        AssertError(errors, "T005", "leadAgency", "unknown agency NOPE");
        AssertError(errors, "T005", "coAgencies", "unknown agency GHOST");
        AssertError(errors, "T005", "titleEn", "English title");
        AssertError(errors, "T006", "commencedOn", "Proposed");
        AssertError(errors, "T007", "commencedOn", "needs commencedOn");
        AssertError(errors, "T007", "completedOn", "must not have completedOn");
        AssertError(errors, "T008", "completedOn", "before commencedOn");
        AssertError(errors, "T009", "completedOn", "needs completedOn");
        AssertError(errors, "T010", "plannedCompletion", "before planned commencement");
        AssertError(errors, "T011", "commencedOn", "future");
        AssertError(errors, "P02-M001", "tasks", "unknown task T404");
        AssertError(errors, "P01-M001", "id", "must start with its programme P02-");
        AssertError(errors, "P02-M1", "id", "not a valid measure id");
        AssertError(errors, "P02-M002", "titleZh", "Chinese title");
        Assert.True(errors.Count == 23, string.Join("\n", errors));
    }

    [Fact]
    public void Future_dates_are_only_checked_when_today_is_given()
    {
        var catalogue = TestCatalogues.Valid() with
        {
            Tasks = [TestCatalogues.Task("T001", ItemStatus.Completed) with { CommencedOn = new DateOnly(2026, 11, 1), CompletedOn = new DateOnly(2026, 11, 24) }],
        };

        Assert.DoesNotContain(CatalogueValidator.Validate(catalogue), e => e.Field == "completedOn");
        var error = Assert.Single(CatalogueValidator.Validate(catalogue, new DateOnly(2026, 11, 23)), e => e.ItemId == "T001");
        Assert.Equal("completedOn", error.Field);
    }

    [Theory]
    [InlineData("P00", false)]
    [InlineData("P01", true)]
    [InlineData("P99", true)]
    [InlineData("p01", false)]
    [InlineData("P100", false)]
    public void Programme_id_format(string id, bool valid)
    {
        var catalogue = TestCatalogues.Valid() with
        {
            Programmes = [new Programme(id, "n", "名", "BMCB")],
            Tasks = [],
            Measures = [],
        };

        Assert.Equal(valid, !CatalogueValidator.Validate(catalogue).Any(e => e.Field == "id"));
    }

    private static void AssertError(IReadOnlyList<ValidationError> errors, string id, string field, string messagePart) =>
        Assert.True(
            errors.Any(e => e.ItemId == id && e.Field == field && e.Message.Contains(messagePart, StringComparison.Ordinal)),
            $"Missing error {id}/{field} containing \"{messagePart}\". Got:\n" + string.Join("\n", errors));
}
