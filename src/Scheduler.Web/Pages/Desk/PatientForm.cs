using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Scheduler.Application.Common;
using Scheduler.Application.Patients;
using Scheduler.Web.Pages.Shared;

namespace Scheduler.Web.Pages.Desk;

/// <summary>
/// The patient form (create and edit): the fields of <see cref="PatientInput"/> as a person fills
/// them in. The rules stay in the application; this only carries the text both ways.
/// </summary>
public sealed class PatientForm
{
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Mobile phone")]
    public string? Phone { get; set; }

    [Display(Name = "E-mail address")]
    public string? Email { get; set; }

    /// <summary>"sms" or "email".</summary>
    [Display(Name = "Send reminders by")]
    public string? PreferredChannel { get; set; }

    /// <summary>Preferred weekdays in the API's spelling ("monday"); none means any day.</summary>
    public List<string> Days { get; set; } = [];

    /// <summary>Clinic wall-clock "HH:mm", or empty.</summary>
    [Display(Name = "Not before")]
    public string? EarliestStart { get; set; }

    [Display(Name = "Gone by")]
    public string? LatestEnd { get; set; }

    public PatientInput ToInput(Guid? clinicId) =>
        new(clinicId, Name, Blank(Phone), Blank(Email), Blank(PreferredChannel),
            new AvailabilityInput(Days.Where(d => !string.IsNullOrWhiteSpace(d)).ToList(), Blank(EarliestStart), Blank(LatestEnd)));

    public static PatientForm Of(PatientView p) => new()
    {
        Name = p.Name,
        Phone = p.Phone,
        Email = p.Email,
        PreferredChannel = p.PreferredChannel,
        Days = p.Availability.Days?.ToList() ?? [],
        EarliestStart = p.Availability.EarliestStart,
        LatestEnd = p.Availability.LatestEnd,
    };

    /// <summary>Puts the application's problem next to the field it names (the API's field names), in words.</summary>
    public static void AddProblem(ModelStateDictionary modelState, Problem problem, string prefix = "Input")
    {
        var field = problem.Field switch
        {
            "name" => nameof(Name),
            "phone" => nameof(Phone),
            "email" => nameof(Email),
            "preferredChannel" => nameof(PreferredChannel),
            "availability.days" or "preferences.days" => nameof(Days),
            "availability.earliestStart" or "preferences.earliestStart" => nameof(EarliestStart),
            "availability.latestEnd" or "preferences.latestEnd" => nameof(LatestEnd),
            _ => null,
        };
        var detail = problem.Detail == $"{problem.Field} is required." && field == nameof(Name) ? "Enter the patient's name." : problem.Detail;
        modelState.AddProblem(problem with { Detail = detail }, prefix, _ => field is null ? "" : $"{prefix}.{field}");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
