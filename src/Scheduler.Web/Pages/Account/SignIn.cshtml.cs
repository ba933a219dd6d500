using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Scheduler.Web.Accounts;

namespace Scheduler.Web.Pages.Account;

public sealed class SignInModel(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, SetupCode setup) : PageModel
{
    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter the e-mail address you sign in with.")]
        [Display(Name = "E-mail address")]
        public string? UserName { get; set; }

        [Required(ErrorMessage = "Enter your password.")]
        public string? Password { get; set; }

        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>True while the first administrator is still to be set up.</summary>
    public bool SetupOpen { get; private set; }

    public async Task OnGetAsync() =>
        SetupOpen = setup.Code is not null && (await users.GetUsersInRoleAsync(StaffRoles.Admin)).Count == 0;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();
        var result = await signIn.PasswordSignInAsync(Input.UserName!.Trim(), Input.Password!, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        ModelState.AddModelError("", result.IsLockedOut
            ? "Too many wrong passwords: this account is locked for 15 minutes. Ask an administrator if you need in sooner."
            : "That e-mail address and password do not match an account. Check both and try again.");
        return Page();
    }
}
