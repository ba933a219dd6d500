using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Scheduler.Web.Pages.Shared;

/// <summary>
/// Ties a field to its error for screen readers: an input, select or textarea whose value was refused
/// gets <c>aria-invalid="true"</c> and <c>aria-describedby</c> pointing at its error text, and the
/// error text (<c>&lt;span asp-validation-for&gt;</c>) gets the id that points to. Runs after the
/// framework's own tag helpers, for every field bound with <c>asp-for</c>.
/// </summary>
[HtmlTargetElement("input", Attributes = ForAttribute)]
[HtmlTargetElement("select", Attributes = ForAttribute)]
[HtmlTargetElement("textarea", Attributes = ForAttribute)]
[HtmlTargetElement("span", Attributes = ValidationForAttribute)]
public sealed class FieldErrorTagHelper : TagHelper
{
    private const string ForAttribute = "asp-for";
    private const string ValidationForAttribute = "asp-validation-for";

    /// <summary>After InputTagHelper and friends (order 0), so the name they write is there.</summary>
    public override int Order => 1000;

    [HtmlAttributeName(ForAttribute)]
    public Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression? For { get; set; }

    [HtmlAttributeName(ValidationForAttribute)]
    public Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression? ValidationFor { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var expression = For ?? ValidationFor;
        if (expression is null)
            return;
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(expression.Name);
        var id = ErrorId(name);
        if (ValidationFor is not null)
        {
            if (!output.Attributes.ContainsName("id"))
                output.Attributes.SetAttribute("id", id);
            return;
        }
        if (!ViewContext.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0)
            return;
        output.Attributes.SetAttribute("aria-invalid", "true");
        // A page that already points the field at its own error text (an id ending in "-error") keeps it.
        var existing = output.Attributes.TryGetAttribute("aria-describedby", out var attribute) ? attribute.Value?.ToString() ?? "" : "";
        if (existing.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(i => i.EndsWith("-error", StringComparison.Ordinal)))
            return;
        output.Attributes.SetAttribute("aria-describedby", existing.Length == 0 ? id : $"{existing} {id}");
    }

    /// <summary>The id of a field's error text: its HTML id with "-error".</summary>
    public static string ErrorId(string fieldName) => TagBuilder.CreateSanitizedId(fieldName, "_") + "-error";
}
