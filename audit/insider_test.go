package audit

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kyukyu/audit/audittest"
)

// insiderLog writes 8 entries and closes the log, as a workstation leaves
// it at night; it returns the log's and the anchor's paths.
func insiderLog(t *testing.T) (db, anchor string) {
	t.Helper()
	l, db := openTemp(t, Options{})
	for i := range 8 {
		mustAppend(t, l, entry(l, Show, fmt.Sprint("entry ", i+1)))
	}
	l.Close()
	return db, DefaultAnchor(db)
}

// raw runs statements on the log as the sqlite3 shell would, after the
// append-only triggers are dropped.
func raw(t *testing.T, path string, stmts ...string) {
	t.Helper()
	audittest.Tamper(t, path, stmts...)
}

// rechain rebuilds the log after an edit so that ids run on and every hash
// and link is right again: what an insider who read this source would do.
func rechain(t *testing.T, path string, edit func([]row) []row) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rs, err := db.Query(selectRows + ` ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var rows []row
	for rs.Next() {
		r, err := scanRow(rs)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, r)
	}
	rs.Close()
	rows = edit(rows)
	for _, s := range []string{`DROP TRIGGER entries_no_delete`, `DROP TRIGGER entries_next_id`, `DELETE FROM entries`} {
		if _, err := db.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	prev := zeroHash
	for i, r := range rows {
		r.id, r.prev = int64(i+1), prev
		r.hash = r.sum()
		prev = r.hash
		if _, err := db.Exec(`INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.id, r.time, r.workstation,
			r.operator, r.mode, r.reason, r.patient, r.insurer, r.action, r.result, r.output, r.prev, r.hash); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range schema {
		if _, err := db.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
}

// listing names every file under the folders, to show Check adds none.
func listing(t *testing.T, dirs ...string) []string {
	var out []string
	for _, d := range dirs {
		ents, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			out = append(out, filepath.Join(d, e.Name()))
		}
	}
	slices.Sort(out)
	return out
}

// Every edit an insider can make on the workstation makes verification
// fail with a message naming what is wrong, and the check creates nothing:
// with a short anchor, and with one whose epoch line lies far beyond the
// tail that opening the log reads.
func TestCheckCatchesInsiderEdits(t *testing.T) {
	t.Run("8 entries", func(t *testing.T) { checkInsiderEdits(t, 8, insiderLog) })
	long := 2 * tailSize / len(headLine('A', head{100, zeroHash}))
	t.Run(fmt.Sprint(long, " entries"), func(t *testing.T) {
		checkInsiderEdits(t, long, func(t *testing.T) (string, string) { db := grownLog(t, long); return db, DefaultAnchor(db) })
	})
}

func checkInsiderEdits(t *testing.T, n int, start func(*testing.T) (db, anchor string)) {
	removeLog := func(db string) {
		for _, s := range []string{"", "-wal", "-shm"} {
			os.Remove(db + s)
		}
	}
	cases := []struct {
		name string
		edit func(t *testing.T, db string)
		want string
	}{
		{"log deleted", func(t *testing.T, db string) { removeLog(db) }, "is missing, but its anchor"},
		{"log truncated to 0 bytes", func(t *testing.T, db string) {
			if err := os.Truncate(db, 0); err != nil {
				t.Fatal(err)
			}
		}, "has no entries or no salt"},
		{"table dropped", func(t *testing.T, db string) { raw(t, db, `DROP TABLE entries`) }, "has no entries or no salt"},
		{"table dropped and kyukyu ran again", func(t *testing.T, db string) {
			raw(t, db, `DROP TABLE entries`)
			l, err := Open(db, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			mustAppend(t, l, entry(l, Show, "after the drop"))
		}, fmt.Sprintf("the anchor goes from entry %d to entry 1", n)},
		{"entry edited and the chain rebuilt", func(t *testing.T, db string) {
			rechain(t, db, func(rs []row) []row { rs[2].output = "nothing shown"; return rs })
		}, "entry 3: is not the entry the anchor recorded"},
		{"entry deleted and the chain rebuilt", func(t *testing.T, db string) {
			rechain(t, db, func(rs []row) []row { return slices.Delete(rs, 4, 5) })
		}, "entry 5: is not the entry the anchor recorded"},
		{"forged row appended with a right hash", func(t *testing.T, db string) {
			rechain(t, db, func(rs []row) []row { f := rs[n-1]; f.output = "forged"; return append(rs, f) })
		}, fmt.Sprintf("entry %d: is not in the anchor", n+1)},
		{"newest entries cut", func(t *testing.T, db string) { raw(t, db, fmt.Sprint(`DELETE FROM entries WHERE id > `, n-2)) }, fmt.Sprintf("entries %d–%d were cut from the end", n-1, n)},
		{"triggers replaced by no-ops", func(t *testing.T, db string) {
			var stmts []string
			for _, name := range []string{"entries_no_update", "entries_no_delete", "entries_next_id", "meta_no_update", "meta_no_delete", "meta_once"} {
				table, when := "entries", "UPDATE"
				if strings.HasPrefix(name, "meta") {
					table = "meta"
				}
				switch {
				case strings.HasSuffix(name, "delete"):
					when = "DELETE"
				case strings.HasSuffix(name, "next_id"), strings.HasSuffix(name, "once"):
					when = "INSERT"
				}
				if name != "entries_no_update" && name != "entries_no_delete" {
					stmts = append(stmts, "DROP TRIGGER "+name)
				}
				stmts = append(stmts, fmt.Sprintf("CREATE TRIGGER %s BEFORE %s ON %s BEGIN SELECT 1; END", name, when, table))
			}
			raw(t, db, stmts...)
		}, "was replaced by another definition"},
		{"salt replaced", func(t *testing.T, db string) {
			raw(t, db, `DROP TRIGGER meta_no_update`, `UPDATE meta SET value = randomblob(32) WHERE key = 'salt'`)
		}, "salt is not the one its anchor records"},
		{"log deleted and a new one started by kyukyu", func(t *testing.T, db string) {
			removeLog(db)
			l, err := Open(db, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			mustAppend(t, l, entry(l, Show, "fresh"))
		}, fmt.Sprintf("an earlier log of %d entries", n)},
		{"anchor deleted", func(t *testing.T, db string) { os.Remove(DefaultAnchor(db)) }, "anchor " + "%ANCHOR% is missing"},
		{"anchor deleted and kyukyu ran again", func(t *testing.T, db string) {
			os.Remove(DefaultAnchor(db))
			l, err := Open(db, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			mustAppend(t, l, entry(l, Show, "after"))
		}, fmt.Sprintf("already held %d entries", n)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, anchor := start(t)
			if r, err := Check(db, anchor); err != nil || r.Entries != int64(n) {
				t.Fatalf("untouched log: Check = %+v, %v", r, err)
			}
			c.edit(t, db)
			before := listing(t, filepath.Dir(db), filepath.Dir(anchor))
			r, err := Check(db, anchor)
			want := strings.ReplaceAll(c.want, "%ANCHOR%", anchor)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("Check = %+v, %v; want an error with %q", r, err, want)
			}
			if after := listing(t, filepath.Dir(db), filepath.Dir(anchor)); !slices.Equal(before, after) {
				t.Fatalf("Check changed the folders:\nbefore %q\nafter  %q", before, after)
			}
		})
	}
}

// A crash between the anchor and the commit is told apart from a cut tail
// once kyukyu opens the log again, and the check names it.
func TestCheckAfterCrashBeforeCommit(t *testing.T) {
	db, anchor := insiderLog(t)
	// What a crash after the anchor line and before the commit leaves.
	if err := (anchorWriter{anchor}).write(headLine('A', head{9, zeroHash})); err != nil {
		t.Fatal(err)
	}
	if r, err := Check(db, anchor); err != nil || r.Uncommitted != 9 || len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "kyukyu stopped while writing entry 9") {
		t.Fatalf("Check = %+v, %v; want a note of the crash", r, err)
	}
	// Two announced and missing is not a crash.
	db2, anchor2 := insiderLog(t)
	if err := (anchorWriter{anchor2}).write(headLine('A', head{9, zeroHash}), headLine('A', head{10, zeroHash})); err != nil {
		t.Fatal(err)
	}
	if _, err := Check(db2, anchor2); err == nil || !strings.Contains(err.Error(), "entries 9–10 were cut from the end") {
		t.Fatalf("Check with two announced = %v", err)
	}
	l, err := Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustAppend(t, l, entry(l, Show, "after the crash"))
	l.Close()
	r, err := Check(db, anchor)
	if err != nil || r.Entries != 9 || len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "entry 9 was announced but not committed") {
		t.Fatalf("Check = %+v, %v", r, err)
	}
}

// The log and its files are owner-only, whatever the umask.
func TestLogIsOwnerOnly(t *testing.T) {
	l, db := openTemp(t, Options{})
	mustAppend(t, l, entry(l, Show, "x"))
	for _, p := range []string{db, db + "-wal", DefaultAnchor(db), LockPath(db)} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v; want -rw-------", filepath.Base(p), st.Mode().Perm())
		}
	}
}

// OpenHome tightens a data folder someone else made readable to others.
func TestOpenHomeMakesTheFolderPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kyukyu")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("KYUKYU_HOME", dir)
	t.Setenv(AnchorEnv, "")
	l, err := OpenHome(Options{})
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	st, _ := os.Stat(dir)
	if st.Mode().Perm() != 0o700 {
		t.Fatalf("data folder is %v; want drwx------", st.Mode().Perm())
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "kyukyu-audit.anchor")); err != nil {
		t.Fatalf("no anchor beside the data folder: %v", err)
	}
}

// A crash in the middle of writing an anchor line leaves a fragment with
// no line break: the next command ignores it, appends, and the log proves.
func TestAnchorLineCutShortByACrash(t *testing.T) {
	db, anchor := insiderLog(t)
	f, err := os.OpenFile(anchor, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(headLine('A', head{9, zeroHash})[:12]); err != nil {
		t.Fatal(err)
	}
	f.Close()
	l, err := Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustAppend(t, l, entry(l, Show, "after the cut line"))
	l.Close()
	if r, err := Check(db, anchor); err != nil || r.Entries != 9 {
		t.Fatalf("Check = %+v, %v", r, err)
	}
}
