package audit

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// The central log trusts no workstation. Each workstation connects as its
// own role (central-enroll); the roles share no password. A workstation's
// role may INSERT rows of its own chains only (row-level security and the
// check trigger) and read nothing but its own chains' heads and facts,
// through the functions below (SECURITY DEFINER; no SELECT on a table).
// The check trigger refuses any row that is not the next entry of its
// chain, recomputing the hash with PostgreSQL's sha256 over the bytes
// chain.go hashes; the server stamps station and received_at itself. The
// auditor role reads everything and writes nothing.

// Roles and tables of the central log (docs/audit.md describes them).
const (
	AuditorRole     = "kyukyu_auditor"
	WorkstationRole = "kyukyu_workstation" // the group of every workstation's role: what all workstations may read is granted to it
	stationPrefix   = "kyukyu_ws_"

	chainsTable       = "kyukyu_audit_chains"
	refusalsTable     = "kyukyu_audit_refusals"
	workstationsTable = "kyukyu_audit_workstations"
	// saltTable holds the hospital's salt of patient references: enrolled
	// workstations fetch it through kyukyu_audit_patient_salt; no role
	// reads the table, the auditor least of all (docs/audit.md).
	saltTable = "kyukyu_audit_salt"
)

// RefusedCode is the SQLSTATE of the server's refusals (the check trigger,
// a chain of another workstation): retrying the same row cannot help.
const RefusedCode = "KA001"

// fieldLimits bound each text an entry carries, in characters: the
// server's check and Append enforce the same numbers, so no entry the
// workstation wrote can be one the server refuses for its length.
var fieldLimits = map[string]int{
	"time": 40, "workstation": 300, "operator": 300, "reason": 2000, "patient": 100,
	"insurer": 16, "output": 4000,
}

// stationName is what central-enroll accepts as a workstation's name.
var stationName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,47}$`)

// checkStationName refuses a name central-enroll would not accept.
func checkStationName(name string) error {
	if !stationName.MatchString(name) {
		return fmt.Errorf("audit: workstation name %q: use 1–48 letters, digits, '.', '-' or '_'", name)
	}
	return nil
}

// ParseStations reads a comma-separated list of workstation names (the
// ER's), each as central-enroll names a workstation; blanks are skipped.
func ParseStations(list string) ([]string, error) {
	var out []string
	for _, w := range strings.Split(list, ",") {
		if w = strings.TrimSpace(w); w == "" || slices.Contains(out, w) {
			continue
		}
		if err := checkStationName(w); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, nil
}

// stationRole is the PostgreSQL role of the workstation named name.
func stationRole(name string) string {
	return stationPrefix + strings.NewReplacer(".", "_", "-", "_").Replace(strings.ToLower(name))
}

// sqlSet is a Go set of values as an SQL array literal, for the trigger:
// a mode, action or result added to the label maps is accepted by the
// server once central-init runs again.
func sqlSet[K ~string, V any](m map[K]V) string {
	ks := slices.Sorted(maps.Keys(m))
	q := make([]string, len(ks))
	for i, k := range ks {
		q[i] = "'" + strings.ReplaceAll(string(k), "'", "''") + "'"
	}
	return "ARRAY[" + strings.Join(q, ", ") + "]::text[]"
}

func limitChecks() string {
	var b strings.Builder
	for _, f := range slices.Sorted(maps.Keys(fieldLimits)) {
		fmt.Fprintf(&b, "\tIF length(NEW.%[1]s) > %[2]d THEN PERFORM kyukyu_audit_refuse(format('entry %%s: %[1]s is longer than %[2]d characters', NEW.id)); END IF;\n", f, fieldLimits[f])
	}
	return b.String()
}

// centralSchema is applied by CentralInit in one transaction, every
// statement idempotent; path is the schema the objects live in, pinned in
// each function's search_path (pg_temp last, so no one's temporary table
// stands in for ours).
func centralSchema(path string) []string {
	definer := `SECURITY DEFINER SET search_path = ` + path + `, pg_temp`
	appendOnly := func(table string) []string {
		return []string{
			`CREATE OR REPLACE TRIGGER ` + table + `_no_change BEFORE UPDATE OR DELETE ON ` + table + `
				FOR EACH ROW EXECUTE FUNCTION kyukyu_audit_append_only()`,
			`CREATE OR REPLACE TRIGGER ` + table + `_no_truncate BEFORE TRUNCATE ON ` + table + `
				FOR EACH STATEMENT EXECUTE FUNCTION kyukyu_audit_append_only()`,
		}
	}
	s := []string{
		`CREATE TABLE IF NOT EXISTS ` + centralTable + ` (
			log_id text NOT NULL, id bigint NOT NULL CHECK (id > 0), time text NOT NULL, workstation text NOT NULL,
			operator text NOT NULL, mode text NOT NULL, reason text NOT NULL, patient text NOT NULL, insurer text NOT NULL,
			action text NOT NULL, result text NOT NULL, output text NOT NULL, prev bytea NOT NULL,
			hash bytea NOT NULL, received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
			PRIMARY KEY (log_id, id), UNIQUE (log_id, hash))`,
		// station: the enrolled workstation whose role sent the row, set by
		// the server (empty in rows of the shared-writer era).
		`ALTER TABLE ` + centralTable + ` ADD COLUMN IF NOT EXISTS station text`,
		`CREATE INDEX IF NOT EXISTS kyukyu_audit_entries_time ON ` + centralTable + ` (time)`,
		`CREATE INDEX IF NOT EXISTS kyukyu_audit_entries_station ON ` + centralTable + ` (station, id, hash)`,
		`CREATE TABLE IF NOT EXISTS ` + workstationsTable + ` (
			station text PRIMARY KEY, role name NOT NULL UNIQUE,
			enrolled_at timestamptz NOT NULL DEFAULT clock_timestamp(), password_set_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
		`CREATE TABLE IF NOT EXISTS ` + chainsTable + ` (
			log_id text PRIMARY KEY, station text NOT NULL, install text NOT NULL,
			reason text NOT NULL, detail text NOT NULL, archive_sha256 text NOT NULL,
			start_id bigint NOT NULL, start_hash bytea NOT NULL,
			previous text, previous_known bigint, began text NOT NULL,
			received_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
		`CREATE INDEX IF NOT EXISTS kyukyu_audit_chains_station ON ` + chainsTable + ` (station, install, received_at)`,
		`CREATE TABLE IF NOT EXISTS ` + saltTable + ` (
			one boolean PRIMARY KEY DEFAULT true CHECK (one), salt bytea NOT NULL CHECK (length(salt) = 32),
			created_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
		// Where each chain switched to the hospital's salt, for the review.
		`CREATE INDEX IF NOT EXISTS kyukyu_audit_entries_hospital_refs ON ` + centralTable + ` (log_id, id) WHERE action = '` + string(HospitalRefs) + `'`,
		`CREATE TABLE IF NOT EXISTS ` + refusalsTable + ` (
			station text NOT NULL, log_id text NOT NULL, id bigint NOT NULL, reason text NOT NULL,
			received_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
		`CREATE OR REPLACE FUNCTION kyukyu_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
			$$ BEGIN RAISE EXCEPTION 'kyukyu audit log is append-only'; END $$`,
		`CREATE OR REPLACE FUNCTION kyukyu_audit_refuse(msg text) RETURNS void LANGUAGE plpgsql AS
			$$ BEGIN RAISE EXCEPTION USING ERRCODE = '` + RefusedCode + `', MESSAGE = msg; END $$`,
		// The bytes chain.go hashes: each field as an 8-byte big-endian
		// length and its UTF-8 bytes.
		`CREATE OR REPLACE FUNCTION kyukyu_audit_field(b bytea) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS
			$$ SELECT int8send(length(b)::bigint) || b $$`,
		`CREATE OR REPLACE FUNCTION kyukyu_audit_hash(e ` + centralTable + `) RETURNS bytea LANGUAGE sql STABLE AS $$
			SELECT sha256(kyukyu_audit_field(convert_to('` + chainDomain + `', 'UTF8'))
				|| kyukyu_audit_field(convert_to(e.id::text, 'UTF8')) || kyukyu_audit_field(convert_to(e.time, 'UTF8'))
				|| kyukyu_audit_field(convert_to(e.workstation, 'UTF8')) || kyukyu_audit_field(convert_to(e.operator, 'UTF8'))
				|| kyukyu_audit_field(convert_to(e.mode, 'UTF8')) || kyukyu_audit_field(convert_to(e.reason, 'UTF8'))
				|| kyukyu_audit_field(convert_to(e.patient, 'UTF8')) || kyukyu_audit_field(convert_to(e.insurer, 'UTF8'))
				|| kyukyu_audit_field(convert_to(e.action, 'UTF8')) || kyukyu_audit_field(convert_to(e.result, 'UTF8'))
				|| kyukyu_audit_field(convert_to(e.output, 'UTF8')) || kyukyu_audit_field(e.prev)) $$`,
		// The caller's station: session_user, which a non-superuser cannot change.
		`CREATE OR REPLACE FUNCTION kyukyu_audit_station() RETURNS text LANGUAGE sql STABLE ` + definer + ` AS
			$$ SELECT station FROM ` + workstationsTable + ` WHERE role = session_user $$`,
		`CREATE OR REPLACE FUNCTION kyukyu_audit_my_chain(p_log_id text) RETURNS ` + chainsTable + ` LANGUAGE plpgsql STABLE ` + definer + ` AS $$
		DECLARE st text := kyukyu_audit_station(); ch ` + chainsTable + `;
		BEGIN
			IF st IS NULL THEN PERFORM kyukyu_audit_refuse(format('role %s is not an enrolled workstation (run kyukyu audit central-enroll)', session_user)); END IF;
			SELECT * INTO ch FROM ` + chainsTable + ` WHERE log_id = p_log_id;
			IF FOUND AND ch.station <> st THEN
				PERFORM kyukyu_audit_refuse(format('log %s belongs to another workstation, not to %s: the data folder was copied from it', p_log_id, st));
			END IF;
			RETURN ch;
		END $$`,
		// The check trigger: the only way a row enters the table.
		`CREATE OR REPLACE FUNCTION kyukyu_audit_check() RETURNS trigger LANGUAGE plpgsql ` + definer + ` AS $$
		DECLARE st text := kyukyu_audit_station(); ch ` + chainsTable + `; last_id bigint; last_hash bytea;
		BEGIN
			IF st IS NULL THEN PERFORM kyukyu_audit_refuse(format('role %s is not an enrolled workstation', session_user)); END IF;
			SELECT * INTO ch FROM ` + chainsTable + ` WHERE log_id = NEW.log_id FOR UPDATE;
			IF NOT FOUND THEN PERFORM kyukyu_audit_refuse(format('log %s was not announced (kyukyu_audit_begin) before its entries', NEW.log_id)); END IF;
			IF ch.station <> st THEN PERFORM kyukyu_audit_refuse(format('log %s belongs to another workstation, not to %s', NEW.log_id, st)); END IF;
			NEW.station := st;
			NEW.received_at := clock_timestamp();
			IF EXISTS (SELECT FROM ` + centralTable + ` WHERE log_id = NEW.log_id AND id = NEW.id AND hash = NEW.hash) THEN
				RETURN NULL; -- a resend: already there
			END IF;
			SELECT e.id, e.hash INTO last_id, last_hash FROM ` + centralTable + ` e WHERE e.log_id = NEW.log_id ORDER BY e.id DESC LIMIT 1;
			IF NOT FOUND THEN last_id := 0; last_hash := '\x` + strings.Repeat("00", 32) + `'::bytea; END IF;
			IF NEW.id <> last_id + 1 THEN PERFORM kyukyu_audit_refuse(format('entry %s is not the next entry of log %s, which holds %s', NEW.id, NEW.log_id, last_id)); END IF;
			IF NEW.prev <> last_hash THEN PERFORM kyukyu_audit_refuse(format('entry %s does not chain to entry %s of log %s', NEW.id, last_id, NEW.log_id)); END IF;
` + limitChecks() + `
			IF NEW.time !~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}[+-]\d\d:\d\d$' THEN
				PERFORM kyukyu_audit_refuse(format('entry %s: time %L is not a kyukyu time', NEW.id, NEW.time));
			END IF;
			BEGIN PERFORM NEW.time::timestamptz;
			EXCEPTION WHEN others THEN PERFORM kyukyu_audit_refuse(format('entry %s: time %L does not parse', NEW.id, NEW.time)); END;
			IF NOT NEW.mode = ANY (` + sqlSet(modeLabels) + `) THEN PERFORM kyukyu_audit_refuse(format('entry %s: mode %L is not a kyukyu mode', NEW.id, NEW.mode)); END IF;
			IF NOT NEW.action = ANY (` + sqlSet(actionLabels) + `) THEN PERFORM kyukyu_audit_refuse(format('entry %s: action %L is not a kyukyu action', NEW.id, NEW.action)); END IF;
			IF NOT NEW.result = ANY (` + sqlSet(resultLabels) + `) THEN PERFORM kyukyu_audit_refuse(format('entry %s: result %L is not a kyukyu result', NEW.id, NEW.result)); END IF;
			IF length(NEW.hash) <> 32 OR NEW.hash <> kyukyu_audit_hash(NEW) THEN
				PERFORM kyukyu_audit_refuse(format('entry %s of log %s: its hash is not the hash of its content', NEW.id, NEW.log_id));
			END IF;
			RETURN NEW;
		END $$`,
		`CREATE OR REPLACE TRIGGER kyukyu_audit_check BEFORE INSERT ON ` + centralTable + `
			FOR EACH ROW EXECUTE FUNCTION kyukyu_audit_check()`,
		// A workstation announces each log before its entries: why it began,
		// the machine and data folder it is bound to, what it knew of the
		// log before. '' when accepted, else the refusal, kept on record.
		`CREATE OR REPLACE FUNCTION kyukyu_audit_begin(p_log_id text, p_install text, p_reason text, p_detail text,
			p_archive_sha256 text, p_start_id bigint, p_start_hash bytea, p_previous_known bigint, p_began text)
			RETURNS text LANGUAGE plpgsql ` + definer + ` AS $$
		DECLARE st text := kyukyu_audit_station(); ch ` + chainsTable + `; why text;
		BEGIN
			IF st IS NULL THEN PERFORM kyukyu_audit_refuse(format('role %s is not an enrolled workstation', session_user)); END IF;
			IF length(p_log_id) > 80 OR length(p_install) > 80 OR length(p_reason) > 40 OR length(p_detail) > 300
				OR length(p_archive_sha256) > 64 OR length(p_began) > 40 OR length(p_start_hash) <> 32 THEN
				PERFORM kyukyu_audit_refuse('the announcement of a log has a field longer than its limit');
			END IF;
			SELECT * INTO ch FROM ` + chainsTable + ` WHERE log_id = p_log_id;
			IF FOUND AND ch.station <> st THEN
				why := format('log %s belongs to workstation %s: the data folder was copied from it', p_log_id, ch.station);
			ELSIF FOUND AND ch.install <> p_install THEN
				why := format('log %s is bound to another machine or data folder: this one uses a copy', p_log_id);
			ELSIF FOUND THEN
				RETURN '';
			-- The entries of a log forwarded before chains were announced stay its own.
			ELSIF EXISTS (SELECT FROM ` + centralTable + ` WHERE log_id = p_log_id AND station IS DISTINCT FROM st AND station IS NOT NULL) THEN
				why := format('log %s belongs to another workstation', p_log_id);
			END IF;
			IF why IS NOT NULL THEN
				-- On record once: the copy's forwarder asks again after each pause.
				INSERT INTO ` + refusalsTable + ` (station, log_id, id, reason) SELECT st, p_log_id, 0, why
					WHERE NOT EXISTS (SELECT FROM ` + refusalsTable + ` r WHERE r.station = st AND r.log_id = p_log_id AND r.id = 0 AND r.reason = why);
				RETURN why;
			END IF;
			INSERT INTO ` + chainsTable + ` (log_id, station, install, reason, detail, archive_sha256, start_id, start_hash, previous, previous_known, began)
			VALUES (p_log_id, st, p_install, p_reason, p_detail, p_archive_sha256, p_start_id, p_start_hash,
				(SELECT c.log_id FROM ` + chainsTable + ` c WHERE c.station = st AND c.install = p_install ORDER BY c.received_at DESC LIMIT 1),
				p_previous_known, p_began);
			RETURN '';
		END $$`,
		// A refusal the workstation was told of, kept on record once.
		`CREATE OR REPLACE FUNCTION kyukyu_audit_refused(p_log_id text, p_id bigint, p_reason text) RETURNS void LANGUAGE sql ` + definer + ` AS $$
			INSERT INTO ` + refusalsTable + ` (station, log_id, id, reason)
			SELECT kyukyu_audit_station(), left(p_log_id, 80), p_id, left(p_reason, 500) WHERE kyukyu_audit_station() IS NOT NULL $$`,
		// The hospital's salt, to an enrolled workstation only.
		`CREATE OR REPLACE FUNCTION kyukyu_audit_patient_salt() RETURNS bytea LANGUAGE plpgsql STABLE ` + definer + ` AS $$
		BEGIN
			IF kyukyu_audit_station() IS NULL THEN PERFORM kyukyu_audit_refuse(format('role %s is not an enrolled workstation', session_user)); END IF;
			RETURN (SELECT salt FROM ` + saltTable + `);
		END $$`,
		// The newest entry of one of the caller's logs (0 and zeros when none).
		`CREATE OR REPLACE FUNCTION kyukyu_audit_head(p_log_id text) RETURNS TABLE (id bigint, hash bytea) LANGUAGE plpgsql STABLE ` + definer + ` AS $$
		BEGIN
			PERFORM kyukyu_audit_my_chain(p_log_id);
			RETURN QUERY SELECT COALESCE(max(e.id), 0), COALESCE((SELECT e2.hash FROM ` + centralTable + ` e2 WHERE e2.log_id = p_log_id ORDER BY e2.id DESC LIMIT 1), '\x` + strings.Repeat("00", 32) + `'::bytea)
				FROM ` + centralTable + ` e WHERE e.log_id = p_log_id;
		END $$`,
		`CREATE OR REPLACE FUNCTION kyukyu_audit_hash_at(p_log_id text, p_id bigint) RETURNS bytea LANGUAGE plpgsql STABLE ` + definer + ` AS $$
		BEGIN
			PERFORM kyukyu_audit_my_chain(p_log_id);
			RETURN (SELECT e.hash FROM ` + centralTable + ` e WHERE e.log_id = p_log_id AND e.id = p_id);
		END $$`,
		// The logs of the caller's data folder on this machine, oldest first,
		// with what verify needs to judge how each began and ended.
		`CREATE OR REPLACE FUNCTION kyukyu_audit_my_logs(p_install text) RETURNS TABLE (log_id text, reason text, detail text,
			archive_sha256 text, start_id bigint, start_confirmed boolean, previous text, previous_known bigint,
			entries bigint, last_time text, announced timestamptz) LANGUAGE sql STABLE ` + definer + ` AS $$
			SELECT c.log_id, c.reason, c.detail, c.archive_sha256, c.start_id,
				c.start_id = 0 OR EXISTS (SELECT FROM ` + centralTable + ` o WHERE o.station = c.station AND o.log_id <> c.log_id
					AND o.id = c.start_id AND o.hash = c.start_hash),
				c.previous, c.previous_known,
				(SELECT COALESCE(max(e.id), 0) FROM ` + centralTable + ` e WHERE e.log_id = c.log_id),
				(SELECT e.time FROM ` + centralTable + ` e WHERE e.log_id = c.log_id ORDER BY e.id DESC LIMIT 1),
				c.received_at
			FROM ` + chainsTable + ` c WHERE c.station = kyukyu_audit_station() AND c.install = p_install ORDER BY c.received_at $$`,
		// Entries of one of the caller's logs whose time the server's receive
		// time contradicts beyond the tolerance in a way forwarding delay
		// cannot explain: ahead of the server, earlier than an entry before
		// it, or older than an earlier entry that reached the server promptly.
		`CREATE OR REPLACE FUNCTION kyukyu_audit_clock(p_log_id text, p_tolerance interval) RETURNS TABLE (entry_id bigint, entry_time text,
			received timestamptz, ahead boolean) LANGUAGE plpgsql STABLE ` + definer + ` AS $$
		BEGIN
			PERFORM kyukyu_audit_my_chain(p_log_id);
			RETURN QUERY SELECT s.id, s.time, s.received_at, s.t > s.received_at + p_tolerance FROM (
				SELECT e.id, e.time, e.received_at, e.time::timestamptz AS t,
					max(e.time::timestamptz) OVER w AS before_max,
					max(CASE WHEN e.received_at - e.time::timestamptz <= p_tolerance THEN e.received_at END) OVER w AS prompt
				FROM ` + centralTable + ` e WHERE e.log_id = p_log_id
				WINDOW w AS (ORDER BY e.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) s
			WHERE s.t > s.received_at + p_tolerance OR s.t < s.before_max - p_tolerance
				OR (s.received_at - s.t > p_tolerance AND s.prompt > s.t + p_tolerance)
			ORDER BY s.id LIMIT 5;
		END $$`,
		`DO $$ BEGIN
			IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '` + WorkstationRole + `') THEN CREATE ROLE ` + WorkstationRole + ` NOLOGIN; END IF;
			IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '` + AuditorRole + `') THEN CREATE ROLE ` + AuditorRole + ` NOLOGIN; END IF;
			-- The shared writer of earlier versions keeps no right.
			IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'kyukyu_writer') THEN
				REVOKE ALL ON ` + centralTable + ` FROM kyukyu_writer;
				ALTER ROLE kyukyu_writer NOLOGIN;
			END IF;
		END $$`,
		`ALTER TABLE ` + centralTable + ` ENABLE ROW LEVEL SECURITY`,
		`DROP POLICY IF EXISTS own_rows ON ` + centralTable,
		`CREATE POLICY own_rows ON ` + centralTable + ` FOR INSERT TO ` + WorkstationRole + ` WITH CHECK (station = kyukyu_audit_station())`,
		`DROP POLICY IF EXISTS auditor_reads ON ` + centralTable,
		`CREATE POLICY auditor_reads ON ` + centralTable + ` FOR SELECT TO ` + AuditorRole + ` USING (true)`,
		`REVOKE ALL ON ` + centralTable + `, ` + chainsTable + `, ` + refusalsTable + `, ` + workstationsTable + `, ` + saltTable + ` FROM PUBLIC`,
		`REVOKE ALL ON ` + saltTable + ` FROM ` + WorkstationRole + `, ` + AuditorRole,
		`REVOKE ALL ON ` + centralTable + `, ` + chainsTable + `, ` + refusalsTable + `, ` + workstationsTable + ` FROM ` + WorkstationRole,
		`GRANT INSERT (` + centralColumns + `) ON ` + centralTable + ` TO ` + WorkstationRole,
		`GRANT SELECT ON ` + centralTable + `, ` + chainsTable + `, ` + refusalsTable + `, ` + workstationsTable + ` TO ` + AuditorRole,
	}
	fns := []string{"kyukyu_audit_station()", "kyukyu_audit_my_chain(text)", "kyukyu_audit_begin(text, text, text, text, text, bigint, bytea, bigint, text)",
		"kyukyu_audit_refused(text, bigint, text)", "kyukyu_audit_head(text)", "kyukyu_audit_hash_at(text, bigint)", "kyukyu_audit_my_logs(text)", "kyukyu_audit_clock(text, interval)",
		"kyukyu_audit_patient_salt()"}
	for _, f := range fns {
		s = append(s, `REVOKE ALL ON FUNCTION `+f+` FROM PUBLIC`, `GRANT EXECUTE ON FUNCTION `+f+` TO `+WorkstationRole)
	}
	for _, t := range []string{centralTable, chainsTable, refusalsTable, saltTable} {
		s = append(s, appendOnly(t)...)
	}
	return append(s, rollupSchema(definer)...)
}

// centralAdmin runs f in one transaction as the administrator at adminURL,
// after the lock that orders two runs at once.
func centralAdmin(ctx context.Context, adminURL, what string, f func(pgx.Tx) error) error {
	c, err := centralConnect(ctx, adminURL)
	if err != nil {
		return err
	}
	defer c.Close(context.Background())
	tx, err := c.Begin(ctx)
	if err != nil {
		return fmt.Errorf("audit: %s: %w", what, err)
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(4242011)`); err != nil {
		return fmt.Errorf("audit: %s: %w", what, err)
	}
	if err := f(tx); err != nil {
		return fmt.Errorf("audit: %s: %w", what, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("audit: %s: %w", what, err)
	}
	return nil
}

// setPassword gives role a login with password, quoted by the server.
func setPassword(ctx context.Context, tx pgx.Tx, role, password string) error {
	var alter string
	if err := tx.QueryRow(ctx, `SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', $1::text, $2::text)`, role, password).Scan(&alter); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, alter)
	return err
}

// Hospital is what central-init keeps of the hospital's own settings,
// which the auditor reads; nil keeps what the central log holds.
type Hospital struct {
	// Shifts are the hours (Japan time, ascending) at which the hospital's
	// shifts begin: the counts kept per shift are made again for them when
	// they change.
	Shifts []int
	// ER are the ER's workstations: the review flags views elsewhere. An
	// empty, non-nil list clears it.
	ER []string
}

// CentralInit creates the central log (or brings it up to date) as the
// administrator at adminURL: tables, check trigger, functions and the
// read-only auditor role, whose password it sets when one is given. No
// role can write before central-enroll. Running it again changes nothing
// but the auditor's password and what h sets, and takes in new modes,
// actions and results.
func CentralInit(ctx context.Context, adminURL, auditorPassword string, h Hospital) error {
	for _, w := range h.ER {
		if err := checkStationName(w); err != nil {
			return err
		}
	}
	return centralAdmin(ctx, adminURL, "central-init", func(tx pgx.Tx) error {
		var path string
		if err := tx.QueryRow(ctx, `SELECT quote_ident(current_schema())`).Scan(&path); err != nil {
			return err
		}
		for _, s := range centralSchema(path) {
			if _, err := tx.Exec(ctx, s); err != nil {
				return fmt.Errorf("%w (in %.60q)", err, strings.Join(strings.Fields(s), " "))
			}
		}
		// The hospital's salt is made once: references stay comparable
		// across runs and upgrades.
		salt := make([]byte, 32)
		if _, err := rand.Read(salt); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO `+saltTable+` (salt) VALUES ($1) ON CONFLICT DO NOTHING`, salt); err != nil {
			return err
		}
		if len(h.Shifts) > 0 {
			if err := validShifts(h.Shifts); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `SELECT kyukyu_audit_rollup_rebuild($1::int[]) FROM `+settingsTable+` WHERE shifts <> $1::int[]`,
				int32s(h.Shifts)); err != nil {
				return err
			}
		}
		if h.ER != nil {
			if _, err := tx.Exec(ctx, `UPDATE `+settingsTable+` SET er_workstations = $1`, h.ER); err != nil {
				return err
			}
		}
		if auditorPassword != "" {
			return setPassword(ctx, tx, AuditorRole, auditorPassword)
		}
		return nil
	})
}

// CentralEnroll creates the role of the workstation named name with
// password, or sets a new password when it exists (rotation), and returns
// the audit_url for its machine-wide file: adminURL with the workstation's
// role and password in place of the administrator's.
func CentralEnroll(ctx context.Context, adminURL, name, password string) (string, error) {
	if err := checkStationName(name); err != nil {
		return "", err
	}
	if password == "" {
		return "", errors.New("audit: central-enroll needs the workstation's password")
	}
	role := stationRole(name)
	err := centralAdmin(ctx, adminURL, "central-enroll", func(tx pgx.Tx) error {
		var owner string
		err := tx.QueryRow(ctx, `SELECT station FROM `+workstationsTable+` WHERE role = $1`, role).Scan(&owner)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			var create string
			if err := tx.QueryRow(ctx, `SELECT format('CREATE ROLE %I LOGIN CONNECTION LIMIT 20 IN ROLE `+WorkstationRole+`', $1::text)`, role).Scan(&create); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, create); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO `+workstationsTable+` (station, role) VALUES ($1, $2)`, name, role); err != nil {
				return err
			}
		case err != nil:
			return fmt.Errorf("%w (run central-init first)", err)
		case owner != name:
			return fmt.Errorf("role %s is workstation %q's; choose another name", role, owner)
		default:
			if _, err := tx.Exec(ctx, `UPDATE `+workstationsTable+` SET password_set_at = clock_timestamp() WHERE station = $1`, name); err != nil {
				return err
			}
		}
		return setPassword(ctx, tx, role, password)
	})
	if err != nil {
		return "", err
	}
	return withUser(adminURL, role, password)
}
