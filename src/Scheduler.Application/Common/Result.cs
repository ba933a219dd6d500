using Scheduler.Domain.Common;

namespace Scheduler.Application.Common;

public enum ProblemKind
{
    NotFound,
    Invalid,
    Refused,
}

/// <summary>Why a use case said no: the web layer turns it into an RFC 7807 problem.</summary>
public sealed record Problem(ProblemKind Kind, string Title, string Detail, RuleCode? Rule = null, string? Field = null)
{
    public static Problem NotFound(string what, object id) => new(ProblemKind.NotFound, $"{what} not found", $"There is no {what.ToLowerInvariant()} with id {id}.");

    public static Problem Refused(Refusal refusal) => new(ProblemKind.Refused, "Refused by a clinic rule", refusal.Message, refusal.Code);

    public static Problem Invalid(string field, string detail) => new(ProblemKind.Invalid, "Invalid input", detail, Field: field);
}

/// <summary>A use case's answer: a value or a <see cref="Problem"/>.</summary>
public sealed class Result<T>
{
    private Result(T? value, Problem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }
    public Problem? Problem { get; }
    public bool Ok => Problem is null;

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Problem problem) => new(default, problem);
}
