using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Protocols;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;
using Scheduler.Infrastructure.Persistence;
using Scheduler.Web.Seeding;

namespace Scheduler.Benchmarks;

/// <summary>What <see cref="ReminderWorkload.Seed"/> wrote, and what the dispatcher should make of it.</summary>
public sealed record ReminderSeed(int Messages, int SmsExpected, int EmailExpected, TimeSpan Elapsed);

/// <summary>
/// The reminder dispatch workload: the sample clinic (Riverside, America/New_York), one recliner and
/// its 45 + 60 min protocol, and N patients each with one series of one booked session on Wednesday
/// 25 Nov 2026 at 10:00 local, booked a week before. Each session's "prepare" reminder (one day
/// before, planned by <see cref="ReminderPlanner"/> with the default policy) falls due at
/// Tuesday 24 Nov 2026 10:00:00 local: N messages due in the same minute, inside the sending window
/// (09:00–20:00). All sessions share the chair: only reminders are measured, and the dispatcher
/// does not look at chairs.
/// <para>
/// Patients: two in three prefer SMS and have a number of their own (half of them an email address
/// too), one in three has email only. Every patient has one message, so no SMS cap can bind and
/// every message must be sent.
/// </para>
/// </summary>
public static class ReminderWorkload
{
    /// <summary>Tuesday 24 Nov 2026, 10:00 in New York (15:00 UTC; EST, no clock change near).</summary>
    public static readonly Instant DueMinute = Instant.FromUtc(2026, 11, 24, 15, 0);

    /// <summary>The dispatcher's fixed clock: half a minute into the due minute.</summary>
    public static readonly Instant Now = DueMinute + Duration.FromSeconds(30);

    public static readonly Instant SessionStart = Instant.FromUtc(2026, 11, 25, 15, 0);
    public static readonly Instant BookedAt = Instant.FromUtc(2026, 11, 17, 15, 0);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Writes the workload into a migrated, empty database in one transaction: the clinic, chair and
    /// protocol through EF, the N patients, series, sessions and messages with prepared INSERTs whose
    /// columns and values come from the EF model (so every value is stored exactly as EF stores it).
    /// </summary>
    public static async Task<ReminderSeed> Seed(SchedulerDbContext db, int count, string sampleFile, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var sample = JsonSerializer.Deserialize<SampleClinic>(await File.ReadAllTextAsync(sampleFile, ct), Json)
            ?? throw new InvalidOperationException($"{sampleFile} is empty.");
        var clinic = Clinic.Create(sample.Clinic.Name ?? "Riverside", sample.Clinic.ToSettings());
        var zone = clinic.Settings.Zone;
        var chair = Chair.Create(clinic.Id, "Recliner 1", new ChairKind("recliner"));
        var input = sample.Protocols.First(p => string.Equals(p.ChairKind, "recliner", StringComparison.OrdinalIgnoreCase));
        var protocol = Protocol.Create(clinic, input.Name!, chair.Kind,
            InfusionDuration.FromMinutes(input.InfusionMinutes!.Value), ObservationDuration.FromMinutes(input.ObservationMinutes!.Value),
            new InductionPhase(input.Induction!.Count!.Value, input.Induction.MinGapDays!.Value, input.Induction.MaxGapDays!.Value,
                Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)),
            null);
        var footprint = SessionFootprint.Of(SessionStart, protocol, clinic.Settings);
        var local = SessionStart.InZone(zone);
        if (!clinic.Settings.Hours.On(local.DayOfWeek).Any(r => r.From <= local.TimeOfDay && footprint.End.InZone(zone).TimeOfDay <= r.To)
            || clinic.Settings.ClosureOn(local.Date) is not null || !clinic.Settings.IsOnGrid(local.TimeOfDay))
            throw new InvalidOperationException($"The session at {local} is not on the grid inside the sample clinic's opening hours.");
        var prepare = ReminderPlanner.Plan(SessionStart, zone, ReminderPolicy.Default, BookedAt).Single(p => p.Kind == ReminderKind.Prepare);
        if (prepare.Due is not { } due || due < DueMinute || due >= DueMinute + Duration.FromMinutes(1))
            throw new InvalidOperationException($"The prepare reminder is planned for {prepare}, not inside the minute from {DueMinute}.");
        if (ReminderPolicy.Default.QuietHours.IsQuiet(Now, zone))
            throw new InvalidOperationException($"{Now} is inside quiet hours in {zone.Id}.");

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // A large page cache for the bulk insert only (random GUID keys in seven indexes); the
            // pooled connection gets SQLite's default back below, so the dispatcher runs as the app does.
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.AddRange(clinic, chair, protocol);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();

            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var transaction = (SqliteTransaction)tx.GetDbTransaction();
            using var patients = new ModelInsert<Patient>(db, connection, transaction);
            using var series = new ModelInsert<TreatmentSeries>(db, connection, transaction);
            using var sessions = new ModelInsert<Session>(db, connection, transaction);
            using var messages = new ModelInsert<ReminderMessage>(db, connection, transaction);
            var codes = new HashSet<string>(count, StringComparer.Ordinal);
            int sms = 0, email = 0;
            for (var i = 0; i < count; i++)
            {
                var patient = (i % 3) switch
                {
                    0 => Patient.Create(clinic.Id, $"Email Patient {i}", null, new EmailAddress($"patient{i}@example.org"), ContactChannel.Email, Availability.Any),
                    1 => Patient.Create(clinic.Id, $"Sms Patient {i}", new PhoneNumber($"+1617{i:D7}"), new EmailAddress($"patient{i}@example.org"), ContactChannel.Sms, Availability.Any),
                    _ => Patient.Create(clinic.Id, $"Sms Patient {i}", new PhoneNumber($"+1617{i:D7}"), null, ContactChannel.Sms, Availability.Any),
                };
                if (patient.PreferredChannel == ContactChannel.Sms)
                    sms++;
                else
                    email++;
                var booked = TreatmentSeries.Book(clinic.Id, patient.Id, protocol.Id, BookedAt, [(SeriesPhase.Induction, chair.Id, footprint)]);
                var session = booked.Sessions[0];
                string code;
                do
                {
                    code = ReminderLinks.NewCode();
                }
                while (!codes.Add(code));
                patients.Add(patient);
                series.Add(booked);
                sessions.Add(session);
                messages.Add(ReminderMessage.Plan(clinic.Id, session.Id, patient.Id, SessionStart, prepare, code, BookedAt));
            }
            await tx.CommitAsync(ct);
            return new ReminderSeed(count, sms, email, started.Elapsed);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// A prepared INSERT of every mapped column of one entity type, with each value converted and
    /// bound by the property's own EF type mapping: the rows are what SaveChanges would write, at a
    /// fraction of its cost (no change tracking, one statement prepared once).
    /// </summary>
    private sealed class ModelInsert<T> : IDisposable where T : class
    {
        private readonly SqliteCommand _command;
        private readonly (IProperty Property, DbParameter Parameter, RelationalTypeMapping Mapping)[] _columns;

        public ModelInsert(SchedulerDbContext db, SqliteConnection connection, SqliteTransaction transaction)
        {
            var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var properties = entity.GetProperties().ToList();
            if (properties.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
                throw new InvalidOperationException($"{typeof(T).Name}.{shadow.Name} is a shadow property; it has no value on the entity.");
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText =
                $"INSERT INTO \"{table.Name}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) " +
                $"VALUES ({string.Join(", ", properties.Select((_, i) => $"$p{i}"))})";
            _columns = properties.Select((p, i) =>
            {
                var mapping = p.GetRelationalTypeMapping();
                var parameter = mapping.CreateParameter(_command, $"$p{i}", null, p.IsNullable);
                _command.Parameters.Add(parameter);
                return (p, parameter, mapping);
            }).ToArray();
            _command.Prepare();
        }

        public void Add(T row)
        {
            foreach (var (property, parameter, mapping) in _columns)
            {
                var value = property.GetGetter().GetClrValue(row);
                parameter.Value = value is null ? DBNull.Value : mapping.Converter?.ConvertToProvider(value) ?? value;
            }
            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }
}
