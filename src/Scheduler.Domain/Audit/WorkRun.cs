using NodaTime;

namespace Scheduler.Domain.Audit;

public enum WorkOutcome
{
    Running,
    Succeeded,
    Failed,

    /// <summary>Cut short by the app stopping; the job store runs it again after the restart.</summary>
    Interrupted,
}

/// <summary>
/// One run of a piece of background work (one attempt): what it was, when it ran, how it ended and
/// what it said it did. The job history the API shows.
/// </summary>
public sealed class WorkRun
{
    private WorkRun()
    {
        Kind = Key = "";
    }

    public WorkRun(string kind, string key, Guid? clinicId, int attempt, Instant startedAt)
    {
        Id = Guid.NewGuid();
        Kind = kind;
        Key = key;
        ClinicId = clinicId;
        Attempt = attempt;
        StartedAt = startedAt;
        Outcome = WorkOutcome.Running;
    }

    public Guid Id { get; private set; }

    /// <summary>The kind of work, e.g. "rebook".</summary>
    public string Kind { get; private set; }

    /// <summary>The work's key: the same for every attempt of one piece of work.</summary>
    public string Key { get; private set; }

    /// <summary>The clinic the work is for, when it is for one.</summary>
    public Guid? ClinicId { get; private set; }

    /// <summary>1 for the first attempt.</summary>
    public int Attempt { get; private set; }

    public Instant StartedAt { get; private set; }
    public Instant? FinishedAt { get; private set; }
    public WorkOutcome Outcome { get; private set; }

    /// <summary>What the run did, in the handler's words.</summary>
    public string? Summary { get; private set; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; private set; }

    public void Finish(WorkOutcome outcome, string? summary, string? error, Instant at)
    {
        Outcome = outcome;
        Summary = Clip(summary);
        Error = Clip(error);
        FinishedAt = at;
    }

    private static string? Clip(string? text) => text is null || text.Length <= 2000 ? text : text[..1999] + "…";
}
