using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using TwoZones.Core.Catalogue;
using TwoZones.Core.History;
using TwoZones.Functions.Tests.Infrastructure;

namespace TwoZones.Functions.Tests;

/// <summary>Seals, <c>/api/verify</c>, the export and the offline verifier, over HTTP on Azurite, with storage edited behind the app's back.</summary>
[Collection(SealedHistoryCollection.Name)]
public sealed class SealTests(SealedHistoryFixture app)
{
    [Fact]
    public async Task A_consistently_rechained_edit_and_a_deleted_item_are_caught_against_an_earlier_seal_but_a_later_transition_is_not()
    {
        await Problems.AssertAsync(await app.GetAsync("api/seals/latest"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await app.GetAsync("api/verify"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await app.SendAsync(HttpMethod.Post, "api/seals", ApiKeys.Viewer), HttpStatusCode.Forbidden);

        var first = await SealAsync();
        Assert.Equal(261, first.GetProperty("itemCount").GetInt32());
        Assert.Equal("request", first.GetProperty("reason").GetString());
        Assert.Equal(new string('0', 64), first.GetProperty("prevHash").GetString());
        var firstHash = first.GetProperty("hash").GetString()!;
        var firstSeq = first.GetProperty("seq").GetInt64();

        var clean = await app.GetJsonAsync("api/verify");
        Assert.True(clean.GetProperty("consistent").GetBoolean(), clean.ToString());
        Assert.Equal(261, clean.GetProperty("itemsMatching").GetInt32());
        Assert.Equal(first.GetProperty("root").GetString(), clean.GetProperty("currentRoot").GetString());

        // A legitimate transition after the seal extends T250's chain: not a mismatch.
        using (var moved = await app.PostStatusAsync("api/tasks/T250/status", ApiKeys.Commerce, new { status = "Commenced", effectiveDate = Today(), note = "started" }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var afterTransition = await app.GetJsonAsync($"api/verify?seal={firstSeq}");
        Assert.True(afterTransition.GetProperty("consistent").GetBoolean(), afterTransition.ToString());
        Assert.Equal(261, afterTransition.GetProperty("itemsMatching").GetInt32());
        Assert.NotEqual(first.GetProperty("root").GetString(), afterTransition.GetProperty("currentRoot").GetString());

        // The export of an untouched history verifies offline, against the seal a digest would have printed too.
        var exportPath = await ExportAsync();
        var (code, output) = await HistoryVerifierTool.RunAsync(exportPath, "--seal", firstHash);
        Assert.True(code == 0, output);
        Assert.Contains("VERIFIED", output, StringComparison.Ordinal);
        Assert.Contains("261 of 261 items match", output, StringComparison.Ordinal);
        (code, output) = await HistoryVerifierTool.RunAsync(exportPath, "--seal", new string('a', 64));
        Assert.True(code == 1, output);
        Assert.Contains("no seal with hash", output, StringComparison.Ordinal);

        // An export altered after it was taken: the edited entry breaks its chain.
        var altered = JsonNode.Parse(await File.ReadAllTextAsync(exportPath))!;
        var t001 = altered["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == "T001")!;
        t001["entries"]![0]!["note"] = "edited in the file";
        var alteredPath = exportPath + ".altered.json";
        await File.WriteAllTextAsync(alteredPath, altered.ToJsonString());
        (code, output) = await HistoryVerifierTool.RunAsync(alteredPath);
        Assert.True(code == 1, output);
        Assert.Contains("BROKEN T001 at seq 1", output, StringComparison.Ordinal);
        Assert.Contains("NOT VERIFIED", output, StringComparison.Ordinal);
        (code, output) = await HistoryVerifierTool.RunAsync(exportPath + ".missing.json");
        Assert.True(code == 2, output);

        // Someone with write access to storage moves T010's commencement earlier and recomputes every hash after it.
        await RewriteFirstEntryAsync("T010", e => e with { EffectiveDate = new DateOnly(2023, 1, 15), Note = "backdated" });
        var history = await app.GetJsonAsync("api/tasks/T010/history");
        Assert.True(history.GetProperty("chainValid").GetBoolean(), "The edit is re-chained consistently, so the chain check alone cannot see it.");
        Assert.Equal("2023-01-15", history.GetProperty("items")[0].GetProperty("effectiveDate").GetString());

        // And deletes a measure altogether.
        await DeleteItemAsync("P01-M010");

        var tampered = await app.GetJsonAsync($"api/verify?seal={firstHash}");
        Assert.False(tampered.GetProperty("consistent").GetBoolean());
        Assert.Equal(259, tampered.GetProperty("itemsMatching").GetInt32());
        var mismatches = tampered.GetProperty("mismatches").EnumerateArray()
            .ToDictionary(m => m.GetProperty("itemId").GetString()!, m => m.GetProperty("kind").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["T010"] = "rewritten", ["P01-M010"] = "missing" }, mismatches);
        Assert.Empty(tampered.GetProperty("brokenChains").EnumerateArray());
        Assert.Equal(260, tampered.GetProperty("itemsStored").GetInt32());

        // Offline, from an export taken after the edit, the same verdict.
        var tamperedExport = await ExportAsync();
        (code, output) = await HistoryVerifierTool.RunAsync(tamperedExport);
        Assert.True(code == 1, output);
        Assert.Contains("REWRITTEN T010", output, StringComparison.Ordinal);
        Assert.Contains("MISSING P01-M010", output, StringComparison.Ordinal);

        // A seal made after the edit seals the edited history: only the seals published before it can tell.
        var second = await SealAsync();
        Assert.Equal(firstSeq + 1, second.GetProperty("seq").GetInt64());
        Assert.Equal(firstHash, second.GetProperty("prevHash").GetString());
        Assert.Equal(260, second.GetProperty("itemCount").GetInt32());
        var againstSecond = await app.GetJsonAsync("api/verify");
        Assert.True(againstSecond.GetProperty("consistent").GetBoolean(), againstSecond.ToString());
        Assert.Equal(second.GetProperty("hash").GetString(), againstSecond.GetProperty("seal").GetProperty("hash").GetString());

        var list = await app.GetJsonAsync("api/seals");
        Assert.Equal([firstSeq + 1, firstSeq], list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("seq").GetInt64()));
        Assert.Equal(second.GetProperty("hash").GetString(), (await app.GetJsonAsync("api/seals/latest")).GetProperty("hash").GetString());
        Assert.Equal(firstHash, (await app.GetJsonAsync($"api/seals/{firstSeq}")).GetProperty("hash").GetString());
        await Problems.AssertAsync(await app.GetAsync("api/seals/999"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await app.GetAsync("api/verify?seal=999"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await app.GetAsync("api/verify?seal=not-a-seal"), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await app.GetAsync("api/seals?limit=0"), HttpStatusCode.BadRequest);
    }

    private async Task<JsonElement> SealAsync()
    {
        using var response = await app.SendAsync(HttpMethod.Post, "api/seals", ApiKeys.Coordinator);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<string> ExportAsync()
    {
        using var response = await app.GetAsync("api/history/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(Path.GetTempPath(), $"twozones-export-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    private TableClient Items => new(app.Azurite.ConnectionString, "Items");

    /// <summary>Edits an item's first history row in storage and re-chains every later row and the state row's head, as the app would have written them.</summary>
    private async Task RewriteFirstEntryAsync(string id, Func<TransitionRecord, TransitionRecord> edit)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Items.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey gt {"h-"} and RowKey lt {"h."}")))
        {
            rows.Add(row);
        }

        var prev = HistoryChain.GenesisHash;
        foreach (var row in rows.OrderBy(r => r.GetInt32("Seq")))
        {
            var record = new TransitionRecord(
                row.GetInt32("Seq")!.Value, Enum.Parse<ItemStatus>(row.GetString("From")), Enum.Parse<ItemStatus>(row.GetString("To")),
                DateOnly.Parse(row.GetString("EffectiveDate"), System.Globalization.CultureInfo.InvariantCulture), row.GetDateTimeOffset("RecordedAt")!.Value,
                row.GetString("Actor"), row.GetString("Note"), row.GetString("EvidenceUrl"), prev, string.Empty);
            if (record.Seq == 1)
            {
                record = edit(record);
            }

            record = record with { PrevHash = prev, Hash = HistoryChain.ComputeHash(id, record with { PrevHash = prev }) };
            row["EffectiveDate"] = record.EffectiveDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            row["Note"] = record.Note;
            row["PrevHash"] = record.PrevHash;
            row["Hash"] = record.Hash;
            await Items.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
            prev = record.Hash;
        }

        var state = (await Items.GetEntityAsync<TableEntity>(id, "state|" + id)).Value;
        state["LastHash"] = prev;
        await Items.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace);
    }

    private async Task DeleteItemAsync(string id)
    {
        await foreach (var row in Items.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")))
        {
            await Items.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag);
        }
    }

    private static string Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Shanghai")).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
