using Scheduler.Domain.Common;

namespace Scheduler.Domain.Clinics;

/// <summary>An infusion clinic: its name and the settings its chair rules read.</summary>
public sealed class Clinic
{
    private Clinic(ClinicId id, string name, ClinicSettings settings)
    {
        Id = id;
        Name = name;
        Settings = settings;
    }

    public ClinicId Id { get; }
    public string Name { get; private set; }
    public ClinicSettings Settings { get; private set; }

    public static Clinic Create(string name, ClinicSettings settings) =>
        new(ClinicId.New(), Text.Required(name, "name"), settings);

    /// <summary>Changes name and settings. Already booked sessions stay; new bookings follow the new settings.</summary>
    public void Update(string name, ClinicSettings settings)
    {
        Name = Text.Required(name, "name");
        Settings = settings;
    }
}
