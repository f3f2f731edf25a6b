// Package audittest edits an audit log behind its back, as someone holding
// the file could, so that tests can show the edit is detected.
package audittest

import (
	"database/sql"
	"testing"

	_ "github.com/mattn/go-sqlite3" // raw access to the log file
)

// Tamper drops the append-only triggers of the log at path with a raw
// connection and runs stmts.
func Tamper(t testing.TB, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range append([]string{`DROP TRIGGER entries_no_update`, `DROP TRIGGER entries_no_delete`}, stmts...) {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("tamper: %s: %v", s, err)
		}
	}
}
