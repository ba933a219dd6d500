using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Reminders;

/// <summary>
/// An SMS a patient sent to the clinic's number, with what was done about it. Replies that are not
/// a confirmation or an opt-out need a person: they are marked for the front desk until someone
/// marks them handled.
/// </summary>
public sealed class InboundSms
{
    public const int MaxBodyLength = 1600;

    private InboundSms()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The provider's message id; a webhook delivered twice is recognised by it and handled once.</summary>
    public string ProviderId { get; private set; } = "";

    public Instant ReceivedAt { get; private set; }
    public string From { get; private set; } = "";
    public string? To { get; private set; }
    public string Body { get; private set; } = "";
    public ReplyIntent Intent { get; private set; }

    /// <summary>The patient the number belongs to, when one was found.</summary>
    public PatientId? PatientId { get; private set; }

    public ClinicId? ClinicId { get; private set; }

    /// <summary>What was done, in words: "Confirmed the session on …", "Opted out of SMS", "Left for the front desk".</summary>
    public string Outcome { get; private set; } = "";

    public bool NeedsFrontDesk { get; private set; }
    public Instant? HandledAt { get; private set; }
    public string? HandledBy { get; private set; }

    public static InboundSms Receive(string providerId, string from, string? to, string body, Instant at) =>
        new()
        {
            Id = Guid.NewGuid(),
            ProviderId = Text.Required(providerId, "MessageSid", 100),
            From = Text.Required(from, "From", 40),
            To = string.IsNullOrWhiteSpace(to) ? null : Text.Required(to, "To", 40),
            Body = (body ?? "").Length > MaxBodyLength ? body![..MaxBodyLength] : body ?? "",
            Intent = InboundReply.Classify(body),
            ReceivedAt = at,
        };

    public void Record(PatientId? patient, ClinicId? clinic, string outcome, bool needsFrontDesk)
    {
        PatientId = patient;
        ClinicId = clinic;
        Outcome = Text.Required(outcome, "outcome", Text.ReasonMaxLength);
        NeedsFrontDesk = needsFrontDesk;
    }

    public void MarkHandled(string by, Instant at)
    {
        NeedsFrontDesk = false;
        HandledAt = at;
        HandledBy = Text.Required(by, "actor", 200);
    }
}
