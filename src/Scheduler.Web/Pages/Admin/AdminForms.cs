using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Scheduler.Application.Common;
using Scheduler.Domain.Common;

namespace Scheduler.Web.Pages.Admin;

/// <summary>
/// What the admin pages share: running a use case so that its refusal, or a value it would not build
/// (an <see cref="InvalidValueException"/>), lands next to the form field it is about, and the flash
/// message shown after a change.
/// </summary>
public static class AdminForms
{
    public const string FlashKey = "AdminFlash";
    public const string FlashKindKey = "AdminFlashKind";

    /// <summary>
    /// Runs <paramref name="action"/>; on a problem puts it in <paramref name="modelState"/> under the
    /// key <paramref name="fieldToKey"/> gives for the application's field name (null or no field: the
    /// form's summary, key "") and returns null.
    /// </summary>
    public static async Task<T?> Run<T>(ModelStateDictionary modelState, Func<Task<Result<T>>> action, Func<string, string?> fieldToKey)
        where T : class
    {
        try
        {
            var result = await action();
            if (result.Ok)
                return result.Value;
            Add(modelState, result.Problem!.Field, result.Problem.Detail, fieldToKey);
        }
        catch (InvalidValueException e)
        {
            Add(modelState, e.Field, e.Message, fieldToKey);
        }
        return null;
    }

    /// <summary>As <see cref="Run{T}"/> for a step that only reads input (parsing a date): false when it threw.</summary>
    public static bool Try(ModelStateDictionary modelState, Action action, Func<string, string?> fieldToKey)
    {
        try
        {
            action();
            return true;
        }
        catch (InvalidValueException e)
        {
            Add(modelState, e.Field, e.Message, fieldToKey);
            return false;
        }
    }

    public static void Add(ModelStateDictionary modelState, string? field, string message, Func<string, string?> fieldToKey) =>
        modelState.AddModelError(field is { Length: > 0 } f ? fieldToKey(f) ?? "" : "", Words(message, field));

    /// <summary>
    /// Drops the API field name a message starts with, as the page shows the message next to its field:
    /// "openingHours.saturday: the end ..." becomes "The end ...", "senderName is required." "This is required.".
    /// </summary>
    public static string Words(string message, string? field)
    {
        if (field is not { Length: > 0 })
            return message;
        if (message.StartsWith(field + ": ", StringComparison.Ordinal) && message.Length > field.Length + 2)
        {
            var rest = message[(field.Length + 2)..];
            return char.ToUpperInvariant(rest[0]) + rest[1..];
        }
        return message.StartsWith(field + " ", StringComparison.Ordinal) ? "This " + message[(field.Length + 1)..] : message;
    }

    public static void Flash(this ITempDataDictionary tempData, string message, string kind = "")
    {
        tempData[FlashKey] = message;
        tempData[FlashKindKey] = kind;
    }
}
