using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Tests;

public class LifecycleRulesTests
{
    // 2026-11-23 12:00 in Beijing.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 4, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static readonly Actor Viewer = new("v1", "Viewer", Role.Viewer, null);
    private static readonly Actor CommerceOfficial = new("o1", "Commerce official", Role.Official, "BMCB");
    private static readonly Actor OtherOfficial = new("o2", "Finance official", Role.Official, "BMFB");
    private static readonly Actor Coordinator = new("c1", "Coordinator", Role.Coordinator, null);

    public static TheoryData<ItemStatus, ItemStatus, Role, TransitionOutcome> EveryCombination()
    {
        var data = new TheoryData<ItemStatus, ItemStatus, Role, TransitionOutcome>();
        foreach (var from in Enum.GetValues<ItemStatus>())
        {
            foreach (var to in Enum.GetValues<ItemStatus>())
            {
                foreach (var role in Enum.GetValues<Role>())
                {
                    data.Add(from, to, role, Expected(from, to, role));
                }
            }
        }

        return data;
    }

    // The lifecycle table written out independently of the implementation.
    private static TransitionOutcome Expected(ItemStatus from, ItemStatus to, Role role)
    {
        if (role == Role.Viewer)
        {
            return TransitionOutcome.Forbidden;
        }

        var step = (from, to) is (ItemStatus.Proposed, ItemStatus.Commenced) or (ItemStatus.Commenced, ItemStatus.Completed);
        var reopen = (from, to) is (ItemStatus.Completed, ItemStatus.Commenced);
        if (step)
        {
            return TransitionOutcome.Allowed;
        }

        if (reopen)
        {
            return role == Role.Coordinator ? TransitionOutcome.Allowed : TransitionOutcome.Forbidden;
        }

        return TransitionOutcome.Invalid;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Every_from_to_role_combination_has_the_expected_outcome(ItemStatus from, ItemStatus to, Role role, TransitionOutcome expected)
    {
        var actor = role switch
        {
            Role.Viewer => Viewer,
            Role.Official => CommerceOfficial,
            _ => Coordinator,
        };
        var decision = LifecycleRules.Evaluate(Item(from), actor, new TransitionRequest(to, Today, "reason given", null), Now);

        Assert.Equal(expected, decision.Outcome);
        Assert.Equal(from == ItemStatus.Completed && to == ItemStatus.Commenced, decision.IsReopen);
        Assert.Equal(LifecycleRules.AllowedTargets(from, role), decision.AllowedTargets);
        Assert.False(string.IsNullOrWhiteSpace(decision.Message));
    }

    [Theory]
    [InlineData(ItemStatus.Proposed, ItemStatus.Commenced)]
    [InlineData(ItemStatus.Commenced, ItemStatus.Completed)]
    [InlineData(ItemStatus.Completed, ItemStatus.Commenced)]
    public void Official_of_another_agency_is_forbidden_and_has_no_targets(ItemStatus from, ItemStatus to)
    {
        var decision = LifecycleRules.Evaluate(Item(from), OtherOfficial, new TransitionRequest(to, Today, "why", null), Now);

        Assert.Equal(TransitionOutcome.Forbidden, decision.Outcome);
        Assert.Empty(decision.AllowedTargets);
        Assert.Contains("BMCB", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Official_without_agency_is_forbidden()
    {
        var decision = LifecycleRules.Evaluate(
            Item(ItemStatus.Proposed), CommerceOfficial with { Agency = null }, new TransitionRequest(ItemStatus.Commenced, Today, null, null), Now);

        Assert.Equal(TransitionOutcome.Forbidden, decision.Outcome);
    }

    [Fact]
    public void Coordinator_may_act_on_any_agency_item()
    {
        var item = Item(ItemStatus.Proposed) with { LeadAgency = "SOMEONE-ELSE" };
        var decision = LifecycleRules.Evaluate(item, Coordinator, new TransitionRequest(ItemStatus.Commenced, Today, null, null), Now);

        Assert.Equal(TransitionOutcome.Allowed, decision.Outcome);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Reopen_without_a_reason_is_invalid(string? note)
    {
        var decision = LifecycleRules.Evaluate(Item(ItemStatus.Completed), Coordinator, new TransitionRequest(ItemStatus.Commenced, Today, note, null), Now);

        Assert.Equal(TransitionOutcome.Invalid, decision.Outcome);
        Assert.True(decision.IsReopen);
        Assert.Contains("reason", decision.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Reopen_with_a_reason_by_coordinator_is_allowed()
    {
        var decision = LifecycleRules.Evaluate(
            Item(ItemStatus.Completed), Coordinator, new TransitionRequest(ItemStatus.Commenced, Today, "audit found gaps", null), Now);

        Assert.Equal(TransitionOutcome.Allowed, decision.Outcome);
        Assert.True(decision.IsReopen);
    }

    [Fact]
    public void Reopen_by_official_is_forbidden_even_with_a_reason()
    {
        var decision = LifecycleRules.Evaluate(
            Item(ItemStatus.Completed), CommerceOfficial, new TransitionRequest(ItemStatus.Commenced, Today, "audit found gaps", null), Now);

        Assert.Equal(TransitionOutcome.Forbidden, decision.Outcome);
        Assert.Contains("coordinator", decision.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Invalid_transition_message_names_current_status_and_allowed_targets()
    {
        var decision = LifecycleRules.Evaluate(
            Item(ItemStatus.Commenced), CommerceOfficial, new TransitionRequest(ItemStatus.Proposed, Today, null, null), Now);

        Assert.Equal(TransitionOutcome.Invalid, decision.Outcome);
        Assert.Contains("T042 is Commenced; allowed next status: Completed", decision.Message, StringComparison.Ordinal);
        Assert.Equal([ItemStatus.Completed], decision.AllowedTargets);
    }

    [Fact]
    public void Same_status_update_is_invalid_and_says_so()
    {
        var decision = LifecycleRules.Evaluate(
            Item(ItemStatus.Commenced), Coordinator, new TransitionRequest(ItemStatus.Commenced, Today, null, null), Now);

        Assert.Equal(TransitionOutcome.Invalid, decision.Outcome);
        Assert.Contains("already Commenced", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Effective_date_of_the_Shanghai_day_that_already_began_is_allowed()
    {
        // 16:00Z on the 22nd is 00:00 on the 23rd in Beijing.
        var now = new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.Zero);
        var decision = LifecycleRules.Evaluate(
            Item(ItemStatus.Proposed), CommerceOfficial, new TransitionRequest(ItemStatus.Commenced, new DateOnly(2026, 11, 23), null, null), now);

        Assert.Equal(TransitionOutcome.Allowed, decision.Outcome);
    }

    [Fact]
    public void Effective_date_one_second_before_the_Shanghai_midnight_is_in_the_future()
    {
        var now = new DateTimeOffset(2026, 11, 22, 15, 59, 59, TimeSpan.Zero);
        var decision = LifecycleRules.Evaluate(
            Item(ItemStatus.Proposed), CommerceOfficial, new TransitionRequest(ItemStatus.Commenced, new DateOnly(2026, 11, 23), null, null), now);

        Assert.Equal(TransitionOutcome.Invalid, decision.Outcome);
        Assert.Contains("future", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Effective_date_before_the_previous_transition_is_invalid_but_the_same_day_is_fine()
    {
        var item = Item(ItemStatus.Commenced) with { LastEffectiveDate = new DateOnly(2026, 11, 10) };

        var before = LifecycleRules.Evaluate(item, CommerceOfficial, new TransitionRequest(ItemStatus.Completed, new DateOnly(2026, 11, 9), null, null), Now);
        var sameDay = LifecycleRules.Evaluate(item, CommerceOfficial, new TransitionRequest(ItemStatus.Completed, new DateOnly(2026, 11, 10), null, null), Now);

        Assert.Equal(TransitionOutcome.Invalid, before.Outcome);
        Assert.Contains("2026-11-10", before.Message, StringComparison.Ordinal);
        Assert.Equal(TransitionOutcome.Allowed, sameDay.Outcome);
    }

    [Theory]
    [InlineData(ItemStatus.Proposed, Role.Official, new[] { ItemStatus.Commenced })]
    [InlineData(ItemStatus.Commenced, Role.Official, new[] { ItemStatus.Completed })]
    [InlineData(ItemStatus.Completed, Role.Official, new ItemStatus[0])]
    [InlineData(ItemStatus.Completed, Role.Coordinator, new[] { ItemStatus.Commenced })]
    [InlineData(ItemStatus.Proposed, Role.Viewer, new ItemStatus[0])]
    public void Allowed_targets_by_role(ItemStatus from, Role role, ItemStatus[] expected) =>
        Assert.Equal(expected, LifecycleRules.AllowedTargets(from, role));

    [Theory]
    [InlineData(LifecycleRules.MaxTextLength, 0, TransitionOutcome.Allowed)]
    [InlineData(LifecycleRules.MaxTextLength + 1, 0, TransitionOutcome.Invalid)]
    [InlineData(0, LifecycleRules.MaxTextLength + 1, TransitionOutcome.Invalid)]
    public void Notes_and_evidence_urls_longer_than_the_limit_are_invalid(int noteLength, int urlLength, TransitionOutcome expected)
    {
        var request = new TransitionRequest(ItemStatus.Commenced, Today, new string('n', noteLength), urlLength == 0 ? null : new string('u', urlLength));

        var decision = LifecycleRules.Evaluate(Item(ItemStatus.Proposed), CommerceOfficial, request, Now);

        Assert.Equal(expected, decision.Outcome);
        Assert.Equal([ItemStatus.Commenced], decision.AllowedTargets);
    }

    [Fact]
    public void A_rule_broken_first_is_reported_before_the_text_limit()
    {
        var request = new TransitionRequest(ItemStatus.Completed, Today, new string('n', LifecycleRules.MaxTextLength + 1), null);

        var decision = LifecycleRules.Evaluate(Item(ItemStatus.Proposed), OtherOfficial, request, Now);

        Assert.Equal(TransitionOutcome.Forbidden, decision.Outcome);
    }

    private static ItemState Item(ItemStatus status) => new("T042", ItemKind.Task, "BMCB", status, null);
}
