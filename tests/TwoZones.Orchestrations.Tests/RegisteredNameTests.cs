using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Functions.Orchestration;
using TwoZones.Functions.Tracking;

namespace TwoZones.Orchestrations.Tests;

public sealed class RegisteredNameTests
{
    // The names task hubs already store: running trackers and histories carry them, so they must never change.
    private static readonly string[] StoredOrchestrators = ["ItemTracker", "StartTrackersOrchestrator", "WeeklyDigest", "CatalogueImport"];

    private static readonly string[] StoredActivities =
    [
        "ObserveTrackedItem", "StartTrackerSlice",
        "ListDigestProgrammes", "CollectProgrammeSection", "ComposeWeeklyDigest", "DeliverWeeklyDigest",
        "LoadCatalogue", "SaveCatalogueMetadata", "ImportCatalogueBatch", "SnapshotAfterImport",
    ];

    [Fact]
    public void The_app_registers_exactly_the_stored_orchestrator_and_activity_names_and_each_is_a_constant()
    {
        Assert.Equal(StoredOrchestrators.Order(StringComparer.Ordinal), Registered<OrchestrationTriggerAttribute>());
        Assert.Equal(StoredActivities.Order(StringComparer.Ordinal), Registered<ActivityTriggerAttribute>());
        Assert.Equal(StoredOrchestrators.Order(StringComparer.Ordinal), Constants(typeof(OrchestratorNames)));
        Assert.Equal(StoredActivities.Order(StringComparer.Ordinal), Constants(typeof(ActivityNames)));
    }

    private static List<string> Registered<TTrigger>()
        where TTrigger : Attribute =>
        typeof(ItemTracker).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static List<string> Constants(Type names) =>
        names.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal)
            .ToList();
}
