package sqliteuri

import (
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

func TestFileForm(t *testing.T) {
	cases := map[string]string{"/var/lib/kyukyu/audit.db": "file:///var/lib/kyukyu/audit.db?mode=ro",
		"/tmp/a b/x?#%.db": "file:///tmp/a%20b/x%3F%23%25.db?mode=ro"}
	if runtime.GOOS == "windows" {
		cases = map[string]string{`C:\Users\医師\AppData\Roaming\kyukyu\audit.db`: "file:///C:/Users/%E5%8C%BB%E5%B8%AB/AppData/Roaming/kyukyu/audit.db?mode=ro",
			`D:\a b\x#%.db`: "file:///D:/a%20b/x%23%25.db?mode=ro"}
	}
	for path, want := range cases {
		if got, err := File(path, "mode=ro"); err != nil || got != want {
			t.Errorf("File(%q) = %q, %v; want %q", path, got, err, want)
		}
	}
}

// TestFileOpens opens, read-only and immutable, a database whose folder
// and name hold characters a URI must escape, on this system's real paths.
func TestFileOpens(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "救急 #1%")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "audit log.db")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('ok')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, q := range []string{"mode=ro", "immutable=1"} {
		uri, err := File(path, q)
		if err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("sqlite3", uri)
		if err != nil {
			t.Fatal(err)
		}
		var v string
		if err := db.QueryRow(`SELECT v FROM t`).Scan(&v); err != nil || v != "ok" {
			t.Errorf("%s: %q, %v", uri, v, err)
		}
		if _, err := db.Exec(`INSERT INTO t VALUES ('no')`); err == nil || !strings.Contains(err.Error(), "readonly") {
			t.Errorf("%s: a write was not refused: %v", uri, err)
		}
		db.Close()
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the read-only opens made files beside the database: %v", entries)
	}
}
