using Scheduler.Domain.Common;
using Scheduler.Domain.Series;

namespace Scheduler.Domain.Booking;

/// <summary>A session that holds its chair and nurse time, as the chair rules see it.</summary>
public readonly record struct BookedSession(SessionId Session, PatientId Patient, ChairId Chair, SessionFootprint Footprint);
