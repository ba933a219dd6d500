using NodaTime;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Common;
using Scheduler.Domain.Protocols;
using Scheduler.Domain.Series;

namespace Scheduler.Domain.Booking;

/// <summary>
/// The chair rules for one placement: nothing in the past; on the slot grid; inside opening hours
/// and outside closures; one session per patient per day; the chair of the protocol's kind,
/// active, in service and free for the whole footprint (observation and turnover included);
/// nurse set-ups and monitoring within the nurses on shift; the recovery area within capacity.
/// Series spacing is <see cref="SeriesSpacing"/>. The planner uses the same checks
/// (<see cref="CheckDay"/>, <see cref="CheckSlot"/>, <see cref="CheckChair(BookIndex, Chair, long, long)"/>) without messages.
/// </summary>
public static class BookingRules
{
    public static Refusal? Check(BookIndex book, Chair chair, Protocol protocol, PatientId patient, Instant start, Instant now,
        out SessionFootprint footprint)
    {
        var settings = book.Settings;
        footprint = SessionFootprint.Of(start, protocol, settings);
        var zone = settings.Zone;
        var local = start.InZone(zone).LocalDateTime;

        if (start < now)
            return new Refusal(RuleCode.InThePast, $"{Formats.DayTime(local)} is in the past (it is now {Formats.DayTime(now, zone)}).");
        if (chair.ClinicId != protocol.ClinicId || chair.Kind != protocol.ChairKind)
            return new Refusal(RuleCode.WrongChair, $"{chair.Name} is a {chair.Kind}; this protocol needs a {protocol.ChairKind} of this clinic.");
        if (!chair.Active)
            return new Refusal(RuleCode.ChairInactive, $"{chair.Name} is not in use.");
        if (!settings.IsOnGrid(local.TimeOfDay))
            return new Refusal(RuleCode.OffGrid,
                $"Sessions start on the clinic's {settings.SlotGrid.TotalMinutes:0}-minute grid; {Formats.Time(local.TimeOfDay)} is not on it.");

        var day = book.Day(local.Date);
        var t = new SlotTimes(footprint);
        var code = CheckDay(book, day, patient);
        if (code == RuleCode.None)
            code = CheckSlot(book, day, t);
        if (code == RuleCode.None)
            code = CheckChair(book, chair, t.Start, t.ChairEnd);
        return code == RuleCode.None ? null : new Refusal(code, Describe(code, book, day, chair, footprint));
    }

    /// <summary>Day-level rules: the clinic is open that day and the patient has no other session on it.</summary>
    internal static RuleCode CheckDay(BookIndex book, DayPlan day, PatientId patient)
    {
        if (day.Opening.Length == 0)
            return RuleCode.ClinicClosed;
        return book.PatientHasSessionOn(patient, day.Date) ? RuleCode.PatientAlreadyBooked : RuleCode.None;
    }

    /// <summary>Rules that do not depend on the chair: opening hours and the nurse and recovery limits.</summary>
    internal static RuleCode CheckSlot(BookIndex book, DayPlan day, in SlotTimes t)
    {
        if (day.OpeningHolding(t.Start, t.End) < 0)
            return RuleCode.OutsideOpeningHours;
        if (!book.SetupFits(day, t.Start))
            return RuleCode.NurseStartLimit;
        if (!book.CareFits(day, t.Start, t.ObservationEnd))
            return RuleCode.NurseMonitoringLimit;
        if (t.Recovery && !book.RecoveryFits(day, t.InfusionEnd, t.ObservationEnd))
            return RuleCode.RecoveryAreaFull;
        return RuleCode.None;
    }

    /// <summary>The chair is in service and free for [start, chairEnd). Kind and active flag are checked by the caller.</summary>
    internal static RuleCode CheckChair(BookIndex book, Chair chair, long start, long chairEnd) =>
        CheckChair(chair, book.TrackOf(chair.Id), start, chairEnd);

    /// <summary>As above with the chair's track already looked up (the planner probes each chair many times).</summary>
    internal static RuleCode CheckChair(Chair chair, BookIndex.ChairTrack? track, long start, long chairEnd)
    {
        if (chair.OutOfService.Count > 0 && chair.OutOfServiceDuring(Instant.FromUnixTimeTicks(start), Instant.FromUnixTimeTicks(chairEnd)) is not null)
            return RuleCode.ChairOutOfService;
        return track?.Conflict(start, chairEnd) is null ? RuleCode.None : RuleCode.ChairTaken;
    }

    private static string Describe(RuleCode code, BookIndex book, DayPlan day, Chair chair, SessionFootprint f)
    {
        var zone = book.Settings.Zone;
        string At(Instant i) => Formats.Time(i.InZone(zone).TimeOfDay);
        var dayText = Formats.Day(day.Date);
        switch (code)
        {
            case RuleCode.ClinicClosed:
                return day.Closure is { } closure
                    ? $"The clinic is closed on {dayText}: {closure.Reason}."
                    : $"The clinic is not open on {day.Date.DayOfWeek}s.";
            case RuleCode.PatientAlreadyBooked:
                return $"The patient already has a session on {dayText}; one session a day.";
            case RuleCode.OutsideOpeningHours:
                var hours = string.Join(" and ", day.LocalOpening.Select(r => $"{Formats.Time(r.From)}–{Formats.Time(r.To)}"));
                return $"The session needs {At(f.Start)}–{At(f.End)} ({Formats.Length(f.End - f.Start)} with observation and turnover), " +
                       $"which does not fit the opening hours on {dayText} ({hours}).";
            case RuleCode.NurseStartLimit:
                return $"Around {At(f.Start)} on {dayText} as many infusions already start as there are nurses on shift to set them up.";
            case RuleCode.NurseMonitoringLimit:
                return $"Between {At(f.Start)} and {At(f.ObservationEnd)} on {dayText} the nurses on shift would have more than " +
                       $"{book.Settings.PatientsPerNurse} patients each infusing or observing.";
            case RuleCode.RecoveryAreaFull:
                return $"The recovery area (room for {book.Settings.Observation.Capacity}) is full at some point between " +
                       $"{At(f.InfusionEnd)} and {At(f.ObservationEnd)} on {dayText}.";
            case RuleCode.ChairOutOfService:
                var w = chair.OutOfServiceDuring(f.Start, f.TurnoverEnd)!;
                return $"{chair.Name} is out of service from {Formats.DayTime(w.Start, zone)} to {Formats.DayTime(w.End, zone)}: {w.Reason}.";
            case RuleCode.ChairTaken:
                var other = book.ChairConflict(chair.Id, f.Start.ToUnixTimeTicks(), f.TurnoverEnd.ToUnixTimeTicks())!.Value.Footprint;
                return $"{chair.Name} is taken from {At(other.Start)} to {At(other.TurnoverEnd)} on {dayText} " +
                       $"(another session's infusion, observation and turnover); this one would need it {At(f.Start)}–{At(f.TurnoverEnd)}.";
            default:
                return code.ToString();
        }
    }
}

/// <summary>A footprint in Unix ticks, for the hot path.</summary>
internal readonly struct SlotTimes
{
    public SlotTimes(long start, long infusionEnd, long observationEnd, long chairEnd, bool recovery)
    {
        Start = start;
        InfusionEnd = infusionEnd;
        ObservationEnd = observationEnd;
        ChairEnd = chairEnd;
        Recovery = recovery;
    }

    public SlotTimes(SessionFootprint f)
        : this(f.Start.ToUnixTimeTicks(), f.InfusionEnd.ToUnixTimeTicks(), f.ObservationEnd.ToUnixTimeTicks(), f.TurnoverEnd.ToUnixTimeTicks(), f.ObservationInRecovery)
    {
    }

    public long Start { get; }
    public long InfusionEnd { get; }
    public long ObservationEnd { get; }

    /// <summary>When the chair is free again (turnover end).</summary>
    public long ChairEnd { get; }

    public bool Recovery { get; }
    public long End => Math.Max(ChairEnd, ObservationEnd);
}
