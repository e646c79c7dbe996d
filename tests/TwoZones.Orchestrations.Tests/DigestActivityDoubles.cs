using System.Collections.Concurrent;
using Microsoft.DurableTask;
using TwoZones.Functions.Digests;
using TwoZones.Functions.Orchestration;

namespace TwoZones.Orchestrations.Tests;

/// <summary>
/// Stands in for the weekly digest's activities, which read and write storage and post to the webhook: the programmes are given,
/// every call is recorded, and the delivery answers as <paramref name="deliver"/> says for each attempt (1, 2, ...).
/// </summary>
internal sealed class DigestActivityDoubles(IReadOnlyList<string> programmes, Func<int, DigestDeliveryResult> deliver)
{
    private readonly ConcurrentQueue<ProgrammeSectionRequest> _sections = new();
    private readonly ConcurrentQueue<ComposeDigestRequest> _compositions = new();
    private readonly ConcurrentQueue<(DateTime At, DigestDeliveryRequest Request)> _deliveries = new();
    private int _attempts;

    public IReadOnlyList<ProgrammeSectionRequest> Sections => [.. _sections];

    public IReadOnlyList<ComposeDigestRequest> Compositions => [.. _compositions];

    public IReadOnlyList<(DateTime At, DigestDeliveryRequest Request)> Deliveries => [.. _deliveries];

    /// <summary>What the composition reports (its delivery flag is the orchestrator's to set).</summary>
    public static WeeklyDigestOutcome Composed(string week) => new(week, 12, 5, 3, 2, 4, false);

    /// <summary>A delivery script: fails the first <paramref name="failures"/> attempts, then acknowledges.</summary>
    public static Func<int, DigestDeliveryResult> FailingFirst(int failures) => attempt => attempt <= failures
        ? throw new DigestDeliveryException($"The webhook answered 503 Service Unavailable (attempt {attempt}).")
        : new DigestDeliveryResult(true, true);

    public void Register(DurableTaskRegistry tasks)
    {
        tasks.AddActivityFunc<string, List<string>>(ActivityNames.ListDigestProgrammes, (_, _) => Task.FromResult(programmes.ToList()));
        tasks.AddActivityFunc<ProgrammeSectionRequest, int>(ActivityNames.CollectProgrammeSection, (_, request) =>
        {
            _sections.Enqueue(request);
            return Task.FromResult(1);
        });
        tasks.AddActivityFunc<ComposeDigestRequest, WeeklyDigestOutcome>(ActivityNames.ComposeWeeklyDigest, (_, request) =>
        {
            _compositions.Enqueue(request);
            return Task.FromResult(Composed(request.Week));
        });
        tasks.AddActivityFunc<DigestDeliveryRequest, DigestDeliveryResult>(ActivityNames.DeliverWeeklyDigest, (_, request) =>
        {
            _deliveries.Enqueue((DateTime.UtcNow, request));
            return Task.FromResult(deliver(Interlocked.Increment(ref _attempts)));
        });
    }
}
