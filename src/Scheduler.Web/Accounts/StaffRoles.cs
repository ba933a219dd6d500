namespace Scheduler.Web.Accounts;

/// <summary>
/// The three kinds of staff who sign in, and the policies pages and API endpoints ask for. The
/// policies nest: a manager may do front-desk work and an admin may do everything, so that a small
/// clinic can give one person one role.
/// </summary>
public static class StaffRoles
{
    public const string FrontDesk = "FrontDesk";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [FrontDesk, Manager, Admin];

    /// <summary>Book, move and cancel sessions; the rebooking queue and the waitlist.</summary>
    public const string FrontDeskPolicy = "front-desk";

    /// <summary>Utilisation, forecast, capacity, what-if, closing a day.</summary>
    public const string ManagerPolicy = "manager";

    /// <summary>Clinic setup and staff accounts.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>The roles a policy lets in.</summary>
    public static string[] RolesFor(string policy) => policy switch
    {
        FrontDeskPolicy => [FrontDesk, Manager, Admin],
        ManagerPolicy => [Manager, Admin],
        AdminPolicy => [Admin],
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown policy."),
    };

    /// <summary>How a role is shown to people.</summary>
    public static string Label(string role) => role switch
    {
        FrontDesk => "Front desk",
        Manager => "Clinic manager",
        Admin => "Administrator",
        _ => role,
    };
}
