// Package training is the offline source of synthetic patients: a dataset
// generated in code, kept in SQLite in the data directory, answering the
// same Source interface as the OQS.
package training

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	_ "github.com/mattn/go-sqlite3"

	"kyukyu/internal/home"
	"kyukyu/internal/sqliteuri"
	"kyukyu/summary"
)

// migrations are applied in order; PRAGMA user_version counts those done.
var migrations = []string{
	`CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
	CREATE TABLE patients(id TEXT PRIMARY KEY, name TEXT NOT NULL, kana TEXT NOT NULL, birth TEXT NOT NULL,
		sex TEXT NOT NULL, insurer TEXT NOT NULL, symbol TEXT NOT NULL, number TEXT NOT NULL, branch TEXT NOT NULL,
		teaches TEXT NOT NULL, card_serial TEXT NOT NULL UNIQUE, ord INTEGER NOT NULL);
	CREATE TABLE visits(patient_id TEXT NOT NULL REFERENCES patients(id), institution TEXT NOT NULL,
		month TEXT NOT NULL, setting TEXT NOT NULL);
	CREATE TABLE medications(patient_id TEXT NOT NULL REFERENCES patients(id),
		item TEXT NOT NULL CHECK(item IN ('dispensing','medications')), date TEXT NOT NULL, setting TEXT NOT NULL,
		institution TEXT NOT NULL, prescriber TEXT NOT NULL, drug TEXT NOT NULL, ingredient TEXT NOT NULL,
		code TEXT NOT NULL, usage TEXT NOT NULL, dose TEXT NOT NULL, instruction TEXT NOT NULL,
		amount REAL NOT NULL, unit TEXT NOT NULL, days INTEGER NOT NULL, quantity TEXT NOT NULL);
	CREATE TABLE procedures(patient_id TEXT NOT NULL REFERENCES patients(id),
		item TEXT NOT NULL CHECK(item IN ('surgeries','procedures','dialysis')), date TEXT NOT NULL,
		setting TEXT NOT NULL, institution TEXT NOT NULL, name TEXT NOT NULL, code TEXT NOT NULL);
	CREATE TABLE checkups(id INTEGER PRIMARY KEY, patient_id TEXT NOT NULL REFERENCES patients(id),
		date TEXT NOT NULL, institution TEXT NOT NULL);
	CREATE TABLE checkup_results(checkup_id INTEGER NOT NULL REFERENCES checkups(id), code TEXT NOT NULL,
		name TEXT NOT NULL, value TEXT NOT NULL, unit TEXT NOT NULL);
	CREATE INDEX visits_patient ON visits(patient_id);
	CREATE INDEX medications_patient ON medications(patient_id);
	CREATE INDEX procedures_patient ON procedures(patient_id);
	CREATE INDEX checkups_patient ON checkups(patient_id);`,
}

// FileName is the training database in the data directory.
const FileName = "training.db"

// Store is the training Source.
type Store struct{ db *sql.DB }

// Open opens (creating, migrating and seeding as needed) the training
// database in dir.
func Open(dir string) (*Store, error) {
	path := filepath.Join(dir, FileName)
	if err := home.Private(path); err != nil {
		return nil, fmt.Errorf("training: %w", err)
	}
	uri, err := sqliteuri.File(path, "_journal_mode=WAL&_busy_timeout=10000&_foreign_keys=on&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("training: open %s: %w", path, err)
	}
	db, err := sql.Open("sqlite3", uri)
	if err != nil {
		return nil, fmt.Errorf("training: open %s: %w", path, err)
	}
	s := &Store{db}
	if err := s.prepare(); err != nil {
		db.Close()
		return nil, fmt.Errorf("training: %s: %w (delete the file to rebuild it)", path, err)
	}
	return s, nil
}

// OpenHome opens the training database of the data directory.
func OpenHome() (*Store, error) {
	dir, err := home.Dir()
	if err != nil {
		return nil, err
	}
	return Open(dir)
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// prepare brings the database up to this binary's schema and dataset.
// Checking the dataset means building every patient and hashing them, so a
// binary does it once per database: the database then records which
// executable checked it, and a later open by the same executable (the
// common case: every command) reads two values and builds nothing.
func (s *Store) prepare() error {
	self := executable()
	var v int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return err
	}
	if v == len(migrations) && self != "" {
		var checked string
		err := s.db.QueryRow(`SELECT value FROM meta WHERE key = 'checked-by'`).Scan(&checked)
		if err == nil && checked == self {
			return nil
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this kyukyu knows (%d): use a newer kyukyu", v, len(migrations))
	}
	for ; v < len(migrations); v++ {
		if _, err := tx.Exec(migrations[v]); err != nil {
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
	}
	if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v)); err != nil {
		return err
	}
	var have string
	err = tx.QueryRow(`SELECT value FROM meta WHERE key = 'dataset'`).Scan(&have)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if want := datasetVersion(); have != want {
		if err := seed(tx, want); err != nil {
			return fmt.Errorf("seeding the training patients: %w", err)
		}
	}
	if _, err := tx.Exec(`INSERT OR REPLACE INTO meta VALUES('checked-by', ?)`, self); err != nil {
		return err
	}
	return tx.Commit()
}

// datasetVersion changes whenever the definitions in code change, so an
// older database is reseeded rather than left stale. It is hashed at most
// once per process.
var datasetVersion = sync.OnceValue(func() string {
	return fmt.Sprintf("%x", sha256.Sum256([]byte(fmt.Sprintf("%v|%v", completeDefinitions(), drugs))))
})

// executable names this build of kyukyu: its path, size and modification
// time. The dataset is compiled in, so a changed dataset comes with another
// executable (a new build or install writes a new file). Empty when the
// executable cannot be found: then every open checks the dataset.
var executable = sync.OnceValue(func() string {
	path, err := os.Executable()
	if err != nil {
		return ""
	}
	st, err := os.Stat(path)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s|%d|%d", path, st.Size(), st.ModTime().UnixNano())
})

func seed(tx *sql.Tx, version string) error {
	for _, t := range []string{"checkup_results", "checkups", "procedures", "medications", "visits", "patients"} {
		if _, err := tx.Exec(`DELETE FROM ` + t); err != nil {
			return err
		}
	}
	for i, p := range completeDefinitions() {
		if _, err := tx.Exec(`INSERT INTO patients VALUES(?,?,?,?,?,?,?,?,?,?,?,?)`, p.ID, p.Name, p.kana, p.birth,
			string(p.sex), p.ins.InsurerNumber, p.ins.Symbol, p.ins.Number, p.ins.Branch, p.Teaches,
			CardSerial(p.ID).Text(16), i); err != nil {
			return fmt.Errorf("patient %s: %w", p.ID, err)
		}
		for _, v := range p.visits {
			if _, err := tx.Exec(`INSERT INTO visits VALUES(?,?,?,?)`, p.ID, v.inst, v.month, string(v.setting)); err != nil {
				return err
			}
		}
		for _, set := range []struct {
			item string
			rows []medDef
		}{{"dispensing", p.dispensing}, {"medications", p.meds}} {
			for _, m := range set.rows {
				d, ok := drugs[m.drug]
				if !ok {
					return fmt.Errorf("patient %s: drug %q is not in drugs.tsv", p.ID, m.drug)
				}
				if _, err := tx.Exec(`INSERT INTO medications VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, p.ID, set.item,
					m.when, string(m.setting), m.inst, m.prescriber, d.name, d.ingredient, d.code, m.usage, m.dose,
					m.instruction, m.amount, d.unit, m.days, m.quantity); err != nil {
					return err
				}
			}
		}
		for _, set := range []struct {
			item string
			rows []procDef
		}{{"surgeries", p.surgeries}, {"procedures", p.procedures}, {"dialysis", p.dialysis}} {
			for _, r := range set.rows {
				if _, err := tx.Exec(`INSERT INTO procedures VALUES(?,?,?,?,?,?,?)`, p.ID, set.item, r.when,
					string(r.setting), r.inst, r.name, r.code); err != nil {
					return err
				}
			}
		}
		for _, c := range p.checkups {
			res, err := tx.Exec(`INSERT INTO checkups(patient_id, date, institution) VALUES(?,?,?)`, p.ID, c.when, c.inst)
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			for _, r := range c.results {
				if _, err := tx.Exec(`INSERT INTO checkup_results VALUES(?,?,?,?,?)`, id, r.Code, r.Name, r.Value, r.Unit); err != nil {
					return err
				}
			}
		}
	}
	_, err := tx.Exec(`INSERT OR REPLACE INTO meta VALUES('dataset', ?)`, version)
	return err
}

// Patients lists the training cases in picker order.
func Patients() []Case {
	var cs []Case
	for _, p := range definitions() {
		cs = append(cs, p.Case)
	}
	return cs
}

// IDs lists the training patient IDs, for messages.
func IDs() []string {
	var ids []string
	for _, c := range Patients() {
		ids = append(ids, c.ID)
	}
	return ids
}

// ErrUnknownPatient names a training ID that does not exist.
type ErrUnknownPatient struct{ ID string }

func (e *ErrUnknownPatient) Error() string {
	return fmt.Sprintf("no training patient %q (see `kyukyu demo list`)", e.ID)
}

// Lookup finds a patient by card serial or insurance numbers.
func (s *Store) Lookup(ctx context.Context, q summary.Query) (*summary.Record, error) {
	var id string
	var err error
	switch {
	case q.Identity.CertSerial != "":
		err = s.db.QueryRowContext(ctx, `SELECT id FROM patients WHERE card_serial = ?`, q.Identity.CertSerial).Scan(&id)
	case q.Identity.Insurance != nil:
		in := q.Identity.Insurance
		err = s.db.QueryRowContext(ctx, `SELECT id FROM patients WHERE insurer = ? AND symbol = ? AND number = ? AND branch = ?`,
			in.InsurerNumber, in.Symbol, in.Number, in.Branch).Scan(&id)
	default:
		return nil, fmt.Errorf("training: the identity has neither a card serial nor insurance numbers")
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, summary.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("training: %w", err)
	}
	return s.Record(ctx, id, q.On)
}

// Record loads a training patient with its dates resolved against on.
func (s *Store) Record(ctx context.Context, id string, on summary.Date) (*summary.Record, error) {
	r := &summary.Record{Training: true}
	var birth string
	p := &r.Patient
	err := s.db.QueryRowContext(ctx, `SELECT name, kana, birth, sex, insurer, symbol, number, branch FROM patients WHERE id = ?`, id).
		Scan(&p.Name, &p.Kana, &birth, &p.Sex, &p.Insurance.InsurerNumber, &p.Insurance.Symbol, &p.Insurance.Number, &p.Insurance.Branch)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &ErrUnknownPatient{id}
	}
	if err != nil {
		return nil, fmt.Errorf("training: %w", err)
	}
	if p.Birth, err = resolveDate(birth, on); err != nil {
		return nil, err
	}
	if err := s.loadVisits(ctx, r, id, on); err != nil {
		return nil, err
	}
	if err := s.loadMeds(ctx, r, id, on); err != nil {
		return nil, err
	}
	if err := s.loadProcs(ctx, r, id, on); err != nil {
		return nil, err
	}
	if err := s.loadCheckups(ctx, r, id, on); err != nil {
		return nil, err
	}
	return r, nil
}

func (s *Store) loadVisits(ctx context.Context, r *summary.Record, id string, on summary.Date) error {
	rows, err := s.db.QueryContext(ctx, `SELECT institution, month, setting FROM visits WHERE patient_id = ? ORDER BY rowid`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v summary.Visit
		var month string
		if err := rows.Scan(&v.Institution, &month, &v.Setting); err != nil {
			return err
		}
		if v.Month, err = resolveMonth(month, on); err != nil {
			return err
		}
		r.Visits = append(r.Visits, v)
	}
	return rows.Err()
}

func (s *Store) loadMeds(ctx context.Context, r *summary.Record, id string, on summary.Date) error {
	rows, err := s.db.QueryContext(ctx, `SELECT item, date, setting, institution, prescriber, drug, ingredient, code,
		usage, dose, instruction, amount, unit, days, quantity FROM medications WHERE patient_id = ? ORDER BY rowid`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var m summary.Medication
		var item, date string
		if err := rows.Scan(&item, &date, &m.Setting, &m.Institution, &m.Prescriber, &m.Drug, &m.Ingredient, &m.Code,
			&m.Usage, &m.Dose, &m.Instruction, &m.Amount, &m.Unit, &m.Days, &m.Quantity); err != nil {
			return err
		}
		if m.Date, err = resolveDate(date, on); err != nil {
			return err
		}
		if item == "dispensing" {
			r.Dispensing = append(r.Dispensing, m)
		} else {
			r.Medications = append(r.Medications, m)
		}
	}
	return rows.Err()
}

func (s *Store) loadProcs(ctx context.Context, r *summary.Record, id string, on summary.Date) error {
	rows, err := s.db.QueryContext(ctx, `SELECT item, date, setting, institution, name, code FROM procedures WHERE patient_id = ? ORDER BY rowid`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p summary.Procedure
		var item, date string
		if err := rows.Scan(&item, &date, &p.Setting, &p.Institution, &p.Name, &p.Code); err != nil {
			return err
		}
		if p.Date, err = resolveDate(date, on); err != nil {
			return err
		}
		switch item {
		case "surgeries":
			r.Surgeries = append(r.Surgeries, p)
		case "dialysis":
			r.Dialysis = append(r.Dialysis, p)
		default:
			r.Procedures = append(r.Procedures, p)
		}
	}
	return rows.Err()
}

func (s *Store) loadCheckups(ctx context.Context, r *summary.Record, id string, on summary.Date) error {
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.date, c.institution, ifnull(x.code,''), ifnull(x.name,''),
		ifnull(x.value,''), ifnull(x.unit,'') FROM checkups c LEFT JOIN checkup_results x ON x.checkup_id = c.id
		WHERE c.patient_id = ? ORDER BY c.id, x.rowid`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	last := int64(-1)
	for rows.Next() {
		var cid int64
		var date, inst string
		var res summary.CheckupResult
		if err := rows.Scan(&cid, &date, &inst, &res.Code, &res.Name, &res.Value, &res.Unit); err != nil {
			return err
		}
		if cid != last {
			d, err := resolveDate(date, on)
			if err != nil {
				return err
			}
			r.Checkups = append(r.Checkups, summary.Checkup{Date: d, Institution: inst})
			last = cid
		}
		if res.Code != "" {
			c := &r.Checkups[len(r.Checkups)-1]
			c.Results = append(c.Results, res)
		}
	}
	return rows.Err()
}
