using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Scheduler.Web.Http;

namespace Scheduler.Web.Accounts;

/// <summary>
/// API sign-in for scripts and integrations: <c>POST /account/token</c> with a staff member's user
/// name (or e-mail) and password answers a bearer token (8 hours) to send as
/// <c>Authorization: Bearer ...</c>. The same lockout as the sign-in page applies.
/// </summary>
public static class AccountEndpoints
{
    public sealed record TokenRequest(string? UserName, string? Password);

    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/token", async Task<IResult> ([FromBody] TokenRequest? request, SignInManager<IdentityUser> signIn) =>
            {
                var missing = new Dictionary<string, string[]>();
                if (string.IsNullOrWhiteSpace(request?.UserName))
                    missing["userName"] = ["Give the user name (the e-mail address) you sign in with."];
                if (string.IsNullOrEmpty(request?.Password))
                    missing["password"] = ["Give the password."];
                if (missing.Count > 0)
                    return Results.ValidationProblem(missing, "Both the user name and the password are needed.", title: "Sign-in details are missing", type: Problems.TypeFor(400));

                signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
                var result = await signIn.PasswordSignInAsync(request!.UserName!.Trim(), request.Password!, isPersistent: false, lockoutOnFailure: true);
                if (result.Succeeded)
                    return Results.Empty; // The bearer handler has written the token.
                return Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Sign-in refused",
                    detail: result.IsLockedOut
                        ? "Too many wrong passwords: this account is locked for 15 minutes."
                        : "The user name or password is wrong.",
                    type: Problems.TypeFor(401));
            })
            .AllowAnonymous()
            .WithTags("Accounts")
            .WithSummary("A bearer token for the API, from a staff member's user name and password.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }
}
