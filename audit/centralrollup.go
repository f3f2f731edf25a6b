package audit

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"kyukyu/audit/reason"
)

// The central log keeps counts as entries arrive, so that the review of a
// long period reads them instead of every entry: a trigger after each
// INSERT statement adds the statement's rows (its transition table) to
// them, in the same transaction, so they can never disagree with the
// entries; central-init rebuilds them from the entries once, with the same
// statements over the whole table. Only the trigger's owner writes them;
// the auditor reads them.
const (
	countsTable          = "kyukyu_audit_counts"           // views per Japan day and station, operator, hour; emergency views per reason and result
	shiftPatientsTable   = "kyukyu_audit_shift_patients"   // each real patient an operator viewed in a shift, once
	shiftCountsTable     = "kyukyu_audit_shift_counts"     // distinct real patients per operator and shift
	patientStationsTable = "kyukyu_audit_patient_stations" // the first and last Japan day a patient was viewed at a station
	flaggedTable         = "kyukyu_audit_flagged"          // entries a flag may name: clock, forwarding gap, reason other
	settingsTable        = "kyukyu_audit_settings"         // the hospital's shifts and ER workstations, and which version of the counts is kept
)

// rollupVersion changes when what the counts hold changes: central-init
// then rebuilds them from the entries.
const rollupVersion = 1

// The least clock tolerance and forwarding gap the review can ask of the
// kept flags: entries are recorded beyond these at insert.
const (
	MinClockTolerance = time.Minute
	MinForwardGap     = time.Hour
)

// DefaultShifts are the hours (Japan time) at which shifts begin, until
// the hospital sets its own.
var DefaultShifts = []int{8, 20}

// validShifts refuses shifts that are not ascending hours of a day.
func validShifts(shifts []int) error {
	for i, h := range shifts {
		if h < 0 || h > 23 || i > 0 && h <= shifts[i-1] {
			return fmt.Errorf("shifts %v: give ascending hours from 0 to 23, e.g. 8,20", shifts)
		}
	}
	return nil
}

// int32s is ns as PostgreSQL's int[] takes them.
func int32s(ns []int) []int32 {
	out := make([]int32, len(ns))
	for i, n := range ns {
		out[i] = int32(n)
	}
	return out
}

// rollupTables are the tables the trigger keeps.
var rollupTables = []string{countsTable, shiftPatientsTable, shiftCountsTable, patientStationsTable, flaggedTable}

// sqlView is an SQL condition on entry alias a: a view (shown, printed,
// exported), as review.IsView says.
func sqlView(a string) string {
	return a + ".action IN ('" + string(Show) + "', '" + string(Print) + "', '" + string(Export) + "')"
}

// sqlReal is a view of a real patient (review's realView).
func sqlReal(a string) string {
	return sqlView(a) + " AND " + a + ".mode <> '" + string(Training) + "' AND " + a + ".patient NOT IN ('', '" + TrainingRef + "')"
}

// sqlStation is where entry alias a was written (review.Station): the
// enrolled workstation, else the host the entry names.
func sqlStation(a string) string {
	return "COALESCE(NULLIF(" + a + ".station, ''), split_part(" + a + ".workstation, '" + versionSep + "', 1))"
}

// sqlLocal is entry alias a's time on the Japan clock.
func sqlLocal(a string) string { return "(" + a + ".time::timestamptz AT TIME ZONE 'Asia/Tokyo')" }

// sqlReasonKey is the key part of entry alias a's reason (reason.Parse
// decides whether it is a known key).
func sqlReasonKey(a string) string { return "split_part(" + a + ".reason, '" + reason.Sep + "', 1)" }

// rollupSQL adds the entries of src (a statement's new rows, or the whole
// table) to the counts, as one block of PL/pgSQL statements. Each adds in
// the order of its table's key: two workstations' inserts at once then
// wait for each other, never each for the other (a deadlock).
func rollupSQL(src string) string {
	views := `(SELECT s.operator, s.mode, s.reason, s.patient, s.result, ` + sqlLocal("s") + ` AS local, ` + sqlStation("s") + ` AS st,
			` + sqlReal("s") + ` AS real
		FROM ` + src + ` s WHERE ` + sqlView("s") + `) v`
	without := "'" + string(WithoutConsent) + "'"
	return strings.Join([]string{
		`INSERT INTO ` + countsTable + ` AS c (day, kind, name, without, consent, training, total, real)
		SELECT v.local::date, k.kind, k.name, count(*) FILTER (WHERE v.mode = ` + without + `),
			count(*) FILTER (WHERE v.mode = '` + string(WithConsent) + `'), count(*) FILTER (WHERE v.mode = '` + string(Training) + `'),
			count(*), count(*) FILTER (WHERE v.real)
		FROM ` + views + ` CROSS JOIN LATERAL (VALUES ('station', v.st), ('operator', v.operator), ('hour', extract(hour FROM v.local)::int::text),
			('reason', CASE WHEN v.mode = ` + without + ` THEN ` + sqlReasonKey("v") + ` END),
			('result', CASE WHEN v.mode = ` + without + ` THEN v.result END)) k(kind, name)
		WHERE k.name IS NOT NULL
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT (day, kind, name) DO UPDATE SET without = c.without + EXCLUDED.without, consent = c.consent + EXCLUDED.consent,
			training = c.training + EXCLUDED.training, total = c.total + EXCLUDED.total, real = c.real + EXCLUDED.real`,
		// A patient counts once per operator and shift: the count grows only
		// with a pair inserted for the first time.
		`WITH ins AS (INSERT INTO ` + shiftPatientsTable + ` (operator, shift, patient)
			SELECT DISTINCT v.operator, kyukyu_audit_shift(v.local, st.shifts), v.patient FROM ` + views + `, ` + settingsTable + ` st WHERE v.real
			ORDER BY 1, 2, 3
			ON CONFLICT DO NOTHING RETURNING operator, shift)
		INSERT INTO ` + shiftCountsTable + ` AS c (operator, shift, patients) SELECT operator, shift, count(*) FROM ins GROUP BY 1, 2 ORDER BY 1, 2
		ON CONFLICT (operator, shift) DO UPDATE SET patients = c.patients + EXCLUDED.patients`,
		`INSERT INTO ` + patientStationsTable + ` AS c (patient, station, first_day, last_day)
		SELECT v.patient, v.st, min(v.local::date), max(v.local::date) FROM ` + views + ` WHERE v.real GROUP BY 1, 2 ORDER BY 1, 2
		ON CONFLICT (patient, station) DO UPDATE SET first_day = least(c.first_day, EXCLUDED.first_day), last_day = greatest(c.last_day, EXCLUDED.last_day)`,
		// Entries a flag may name, beyond the least tolerance and gap: the
		// review judges them by its own settings.
		`INSERT INTO ` + flaggedTable + ` (log_id, id, kind, time)
		SELECT s.log_id, s.id, f.kind, s.time FROM ` + src + ` s
			LEFT JOIN ` + centralTable + ` p ON p.log_id = s.log_id AND p.id = s.id - 1
			CROSS JOIN LATERAL (VALUES
				('clock', s.time::timestamptz - s.received_at > '` + interval(MinClockTolerance) + `'
					OR p.time::timestamptz - s.time::timestamptz > '` + interval(MinClockTolerance) + `'),
				('gap', s.received_at - s.time::timestamptz > '` + interval(MinForwardGap) + `'),
				('other', ` + sqlReasonKey("s") + ` = '` + string(reason.Other) + `')) f(kind, hit)
		WHERE f.hit
		ON CONFLICT DO NOTHING`,
	}, ";\n") + ";"
}

// interval is d as a PostgreSQL interval.
func interval(d time.Duration) string { return fmt.Sprintf("%d seconds", int64(d.Seconds())) }

func itoa(n int) string { return strconv.Itoa(n) }

// sqlInts is ns as an SQL array literal.
func sqlInts(ns []int) string {
	q := make([]string, len(ns))
	for i, n := range ns {
		q[i] = itoa(n)
	}
	return "{" + strings.Join(q, ",") + "}"
}

// rollupSchema creates the counts, the trigger that keeps them and the
// function that rebuilds them (central-init runs it once per version).
func rollupSchema(definer string) []string {
	return []string{
		`CREATE TABLE IF NOT EXISTS ` + settingsTable + ` (one boolean PRIMARY KEY DEFAULT true CHECK (one),
			shifts int[] NOT NULL, rollup_version int NOT NULL)`,
		`ALTER TABLE ` + settingsTable + ` ADD COLUMN IF NOT EXISTS er_workstations text[] NOT NULL DEFAULT '{}'`,
		`CREATE TABLE IF NOT EXISTS ` + countsTable + ` (day date NOT NULL, kind text NOT NULL, name text NOT NULL,
			without bigint NOT NULL, consent bigint NOT NULL, training bigint NOT NULL, total bigint NOT NULL, real bigint NOT NULL,
			PRIMARY KEY (day, kind, name))`,
		`CREATE TABLE IF NOT EXISTS ` + shiftPatientsTable + ` (operator text NOT NULL, shift timestamptz NOT NULL, patient text NOT NULL,
			PRIMARY KEY (operator, shift, patient))`,
		`CREATE TABLE IF NOT EXISTS ` + shiftCountsTable + ` (operator text NOT NULL, shift timestamptz NOT NULL, patients int NOT NULL,
			PRIMARY KEY (operator, shift))`,
		`CREATE INDEX IF NOT EXISTS kyukyu_audit_shift_counts_shift ON ` + shiftCountsTable + ` (shift)`,
		`CREATE TABLE IF NOT EXISTS ` + patientStationsTable + ` (patient text NOT NULL, station text NOT NULL,
			first_day date NOT NULL, last_day date NOT NULL, PRIMARY KEY (patient, station))`,
		`CREATE TABLE IF NOT EXISTS ` + flaggedTable + ` (log_id text NOT NULL, id bigint NOT NULL, kind text NOT NULL, time text NOT NULL,
			PRIMARY KEY (log_id, id, kind))`,
		`CREATE INDEX IF NOT EXISTS kyukyu_audit_flagged_time ON ` + flaggedTable + ` (time)`,
		// The flags' entries are read by operator and by patient.
		`CREATE INDEX IF NOT EXISTS kyukyu_audit_entries_operator ON ` + centralTable + ` (operator, time)`,
		`CREATE INDEX IF NOT EXISTS kyukyu_audit_entries_patient ON ` + centralTable + ` (patient)`,
		// Each chain's switch to hospital-wide references, which the page
		// asks for every chain: without it, a chain that never switched is
		// read to its end.
		`CREATE INDEX IF NOT EXISTS kyukyu_audit_entries_hospital_refs ON ` + centralTable + ` (log_id, id) WHERE action = '` + string(HospitalRefs) + `'`,
		// The start of the shift a Japan clock time falls in (review.Settings.Shift).
		`CREATE OR REPLACE FUNCTION kyukyu_audit_shift(local timestamp, starts int[]) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
			SELECT (CASE WHEN h.s IS NULL THEN date_trunc('day', local) - interval '1 day' + make_interval(hours => starts[array_upper(starts, 1)])
				ELSE date_trunc('day', local) + make_interval(hours => h.s) END) AT TIME ZONE 'Asia/Tokyo'
			FROM (SELECT max(x) AS s FROM unnest(starts) x WHERE x <= extract(hour FROM local)) h $$`,
		`CREATE OR REPLACE FUNCTION kyukyu_audit_rollup() RETURNS trigger LANGUAGE plpgsql ` + definer + ` AS $$
		BEGIN
			` + rollupSQL("new_rows") + `
			RETURN NULL;
		END $$`,
		`CREATE OR REPLACE TRIGGER kyukyu_audit_rollup AFTER INSERT ON ` + centralTable + `
			REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kyukyu_audit_rollup()`,
		// Rebuild every count from the entries, with the hospital's shifts.
		`CREATE OR REPLACE FUNCTION kyukyu_audit_rollup_rebuild(p_shifts int[]) RETURNS void LANGUAGE plpgsql AS $$
		BEGIN
			TRUNCATE ` + strings.Join(rollupTables, ", ") + `;
			INSERT INTO ` + settingsTable + ` (shifts, rollup_version) VALUES (p_shifts, ` + itoa(rollupVersion) + `)
				ON CONFLICT (one) DO UPDATE SET shifts = EXCLUDED.shifts, rollup_version = EXCLUDED.rollup_version;
			` + rollupSQL(centralTable) + `
		END $$`,
		`REVOKE ALL ON FUNCTION kyukyu_audit_rollup_rebuild(int[]) FROM PUBLIC`,
		`REVOKE ALL ON ` + settingsTable + `, ` + strings.Join(rollupTables, ", ") + ` FROM PUBLIC`,
		`GRANT SELECT ON ` + settingsTable + `, ` + strings.Join(rollupTables, ", ") + ` TO ` + AuditorRole,
		// Once per version of the counts (and on a first install): from the
		// entries already there, in this transaction, whose trigger changes
		// above hold off every workstation's insert until it commits.
		`DO $$ BEGIN
			IF NOT EXISTS (SELECT FROM ` + settingsTable + ` WHERE rollup_version = ` + itoa(rollupVersion) + `) THEN
				PERFORM kyukyu_audit_rollup_rebuild(COALESCE((SELECT shifts FROM ` + settingsTable + `), '` + sqlInts(DefaultShifts) + `'));
			END IF;
		END $$`,
	}
}
