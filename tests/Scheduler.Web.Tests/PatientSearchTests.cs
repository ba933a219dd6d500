using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>The front desk's patient search (GET /clinics/{id}/patients?search=) looks at the name, the e-mail address and the phone number.</summary>
public sealed class PatientSearchTests
{
    [Theory]
    [InlineData("jordan@", new[] { "Jordan Example" })]
    [InlineData("EXAMPLE.ORG", new[] { "Avery Sample", "Casey Placeholder", "Jordan Example", "Riley Demo" })]
    [InlineData("+16175550103", new[] { "Morgan Testcase" })]
    [InlineData("617 555-0106", new[] { "Quinn Fictional" })]
    [InlineData("(617) 5550105", new[] { "Casey Placeholder" })]
    [InlineData("0102", new[] { "Jordan Example" })]
    [InlineData("ple", new[] { "Avery Sample", "Casey Placeholder", "Jordan Example", "Riley Demo" })]
    public async Task Search_FindsPatientsByNameEmailOrPhone(string search, string[] expected)
    {
        await using var s = await Scenario.Start();

        var found = await s.Client.Get($"/clinics/{s.Sample.ClinicId}/patients?search={Uri.EscapeDataString(search)}");

        Assert.Equal(expected, found.Items().Select(p => p.Str("name")));
    }

    [Fact]
    public async Task Search_ByDigits_DoesNotMatchAnEmailOrNameWithoutThem_AndPages()
    {
        await using var s = await Scenario.Start();

        var phones = (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/patients?search=555")).Items().Select(p => p.Str("name")).ToList();
        var page = (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/patients?search=555&skip=1&take=2")).Items().Select(p => p.Str("name")).ToList();

        Assert.Equal(["Avery Sample", "Casey Placeholder", "Jordan Example", "Morgan Testcase", "Quinn Fictional"], phones);
        Assert.Equal(phones.Skip(1).Take(2), page);
    }
}
