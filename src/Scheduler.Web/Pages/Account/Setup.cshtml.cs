using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Scheduler.Web.Accounts;

namespace Scheduler.Web.Pages.Account;

/// <summary>The one-time setup page: open only while there is no administrator and a setup code is out.</summary>
public sealed class SetupModel(SetupCode setup, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, ILogger<SetupModel> logger) : PageModel
{
    public sealed class SetupInput
    {
        [Required(ErrorMessage = "Enter the setup code from the app's log.")]
        public string? Code { get; set; }

        [Required(ErrorMessage = "Enter the administrator's e-mail address.")]
        [EmailAddress(ErrorMessage = "This is not an e-mail address.")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(200, MinimumLength = 12, ErrorMessage = "The password needs at least 12 characters.")]
        public string? Password { get; set; }

        [Required(ErrorMessage = "Enter the password again.")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
        public string? Confirm { get; set; }
    }

    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public bool Open => setup.Code is not null;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Open || (await users.GetUsersInRoleAsync(StaffRoles.Admin)).Count > 0)
            return RedirectToPage();
        if (!ModelState.IsValid)
            return Page();
        if (!setup.TrySpend(Input.Code))
        {
            ModelState.AddModelError("Input.Code", "This is not the code in the log. Codes change at every start: use the latest one.");
            return Page();
        }
        var user = new IdentityUser { UserName = Input.Email!.Trim(), Email = Input.Email.Trim(), EmailConfirmed = true };
        var created = await users.CreateAsync(user, Input.Password!);
        if (!created.Succeeded)
        {
            setup.Issue(); // The spent code would otherwise leave no way in; a new one is logged below.
            foreach (var error in created.Errors)
                ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", error.Description);
            logger.LogWarning("Setup failed; the new one-time setup code is {Code}.", setup.Code);
            ModelState.AddModelError("Input.Code", "A new setup code has been written to the log; enter that one.");
            return Page();
        }
        await users.AddToRoleAsync(user, StaffRoles.Admin);
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/admin/clinic");
    }
}
