using System.Net;
using System.Text.Json;
using TwoZones.Testing;

namespace TwoZones.Reliability.Tests.Infrastructure;

/// <summary>Checks, over HTTP, that what was acknowledged is in storage exactly once and that the trackers agree with it.</summary>
public static class Ledger
{
    /// <summary>
    /// For every item: its history holds each acknowledged move exactly once (and nothing else), its chain verifies, and its
    /// status is its last acknowledged one. Returns the failures (empty when all hold) and the entries counted.
    /// </summary>
    public static async Task<(List<string> Failures, int Entries)> VerifyAsync(HttpClient http, IEnumerable<Acknowledgement> acknowledged, IReadOnlyList<ItemRef> items)
    {
        var failures = new List<string>();
        var byItem = acknowledged.GroupBy(a => a.Item.Id).ToDictionary(g => g.Key, g => g.ToList());
        var entries = 0;
        foreach (var item in items)
        {
            var acks = byItem.GetValueOrDefault(item.Id) ?? [];
            var history = await Api.GetJsonAsync(http, item.Path + "/history", DemoKeys.Viewer);
            var moves = history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("to").GetString()!).ToList();
            entries += moves.Count;
            if (!history.GetProperty("chainValid").GetBoolean())
            {
                failures.Add($"{item.Id}: chain does not verify");
            }

            var expected = acks.Select(a => a.Status).ToList();
            if (!moves.SequenceEqual(expected))
            {
                failures.Add($"{item.Id}: history [{string.Join(", ", moves)}], acknowledged [{string.Join(", ", expected)}]");
            }

            var state = await Api.GetJsonAsync(http, item.Path, DemoKeys.Viewer);
            var status = state.GetProperty("status").GetString();
            var last = expected.Count == 0 ? "Proposed" : expected[^1];
            if (status != last)
            {
                failures.Add($"{item.Id}: status {status}, last acknowledged {last}");
            }
        }

        return (failures, entries);
    }

    /// <summary>Sends every acknowledged request again with its key: each must answer 200 and add no history entry.</summary>
    public static async Task<List<string>> ReplayAsync(HttpClient http, IEnumerable<Acknowledgement> acknowledged)
    {
        var failures = new List<string>();
        foreach (var group in acknowledged.GroupBy(a => a.Item))
        {
            var before = (await Api.GetJsonAsync(http, group.Key.Path + "/history", DemoKeys.Viewer)).GetProperty("items").GetArrayLength();
            foreach (var ack in group)
            {
                using var request = Api.StatusChange(ack.Item, ack.Key, ack.Status, ack.IdempotencyKey);
                using var response = await http.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"replay of {ack.IdempotencyKey} answered {(int)response.StatusCode}");
                }
            }

            var after = (await Api.GetJsonAsync(http, group.Key.Path + "/history", DemoKeys.Viewer)).GetProperty("items").GetArrayLength();
            if (after != before)
            {
                failures.Add($"{group.Key.Id}: replays added {after - before} history entries");
            }
        }

        return failures;
    }

    /// <summary>
    /// Waits until every item's tracker (the orchestration whose instance id is the item id) shows the item's stored stage and
    /// overdue flag as its custom status, and has finished where the item is Completed. Returns what still disagrees at the end.
    /// </summary>
    public static async Task<List<string>> TrackersAgreeAsync(HttpClient http, IReadOnlyList<ItemRef> items, TimeSpan within)
    {
        var pending = items.ToList();
        var disagreements = new List<string>();
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            disagreements.Clear();
            var still = new List<ItemRef>();
            foreach (var item in pending)
            {
                var problem = await DisagreementAsync(http, item);
                if (problem is not null)
                {
                    disagreements.Add(problem);
                    still.Add(item);
                }
            }

            pending = still;
            if (pending.Count == 0 || DateTime.UtcNow > deadline)
            {
                return disagreements;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>A member by name in any letter case: the durable serializer's naming is the engine's choice, not the contract's.</summary>
    private static JsonElement? Member(JsonElement element, string name) =>
        element.EnumerateObject().Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();

    private static async Task<string?> DisagreementAsync(HttpClient http, ItemRef item)
    {
        var state = await Api.GetJsonAsync(http, item.Path, DemoKeys.Viewer);
        var stage = state.GetProperty("status").GetString();
        var overdue = state.GetProperty("overdue").GetBoolean();
        using var response = await http.GetAsync($"runtime/webhooks/durabletask/instances/{item.Id}");
        if (!response.IsSuccessStatusCode)
        {
            return $"{item.Id}: tracker status answered {(int)response.StatusCode}";
        }

        var tracker = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var runtime = tracker.GetProperty("runtimeStatus").GetString();
        var custom = tracker.TryGetProperty("customStatus", out var c) ? c : default;
        if (custom.ValueKind == JsonValueKind.String)
        {
            custom = JsonDocument.Parse(custom.GetString()!).RootElement;
        }

        if (custom.ValueKind != JsonValueKind.Object)
        {
            return $"{item.Id}: tracker {runtime} has no custom status yet";
        }

        var trackedStage = Member(custom, "stage")?.GetString();
        var trackedOverdue = Member(custom, "overdue")?.GetBoolean() ?? false;
        if (trackedStage != stage || trackedOverdue != overdue)
        {
            return $"{item.Id}: stored {stage}/{overdue}, tracker {trackedStage}/{trackedOverdue} ({runtime})";
        }

        if (stage == "Completed" ? runtime != "Completed" : runtime is "Completed" or "Failed" or "Terminated")
        {
            return $"{item.Id}: stored {stage}, tracker {runtime}";
        }

        return null;
    }
}
