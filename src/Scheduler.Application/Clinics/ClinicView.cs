using Scheduler.Application.Common;
using Scheduler.Domain.Clinics;

namespace Scheduler.Application.Clinics;

public sealed record ClinicView(
    Guid Id,
    string Name,
    string TimeZone,
    Dictionary<string, List<TimeRangeInput>> OpeningHours,
    List<ClosureInput> Closures,
    int SlotMinutes,
    int TurnoverMinutes,
    int NurseSetupMinutes,
    List<NurseShiftInput> NurseShifts,
    int PatientsPerNurse,
    ObservationInput Observation)
{
    public static ClinicView Of(Clinic clinic)
    {
        var i = ClinicInput.From(clinic.Name, clinic.Settings);
        return new ClinicView(clinic.Id.Value, clinic.Name, i.TimeZone!, i.OpeningHours!, i.Closures!, i.SlotMinutes!.Value, i.TurnoverMinutes!.Value,
            i.NurseSetupMinutes!.Value, i.NurseShifts!, i.PatientsPerNurse!.Value, i.Observation!);
    }
}
