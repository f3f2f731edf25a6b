package backup

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"kyukyu/audit"
	"kyukyu/audit/audittest"
	"kyukyu/summary"
	"kyukyu/training"
	"kyukyu/training/trainingtest"
)

var (
	ctx = context.Background()
	t0  = time.Date(2026, 11, 25, 23, 0, 0, 0, summary.Tokyo)
)

// dataDir makes a data directory with a training DB and an audit log of n entries.
func dataDir(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	trainingtest.Copy(t, dir)
	appendN(t, dir, n)
	return dir
}

func appendN(t *testing.T, dir string, n int) {
	t.Helper()
	l, err := audit.Open(filepath.Join(dir, audit.FileName), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for i := range n {
		if _, err := l.Append(audit.Entry{Mode: audit.Training, Patient: audit.TrainingRef, Action: audit.Show, Operator: "t", Output: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
}

// count checks the log at path against its anchor (the live one, or the
// one beside a log extracted from an archive) and returns its entries.
func count(t *testing.T, path string) int64 {
	t.Helper()
	anchor := filepath.Join(filepath.Dir(path), AnchorFile)
	if _, err := os.Stat(anchor); err != nil {
		anchor = audit.AnchorFor(path)
	}
	r, err := audit.Check(path, anchor)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r.Entries
}

// outputs reads the outputs of the entries of a log file as stored.
func outputs(t *testing.T, path string) []string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rs, err := db.Query(`SELECT output FROM entries`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	var out []string
	for rs.Next() {
		var o string
		rs.Scan(&o)
		out = append(out, o)
	}
	return out
}

// archives lists the backup archives in dir, by name.
func archives(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "kyukyu-backup-*.tar.gz"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	return names
}

func TestBackupWritesAVerifiedArchive(t *testing.T) {
	home, to := dataDir(t, 5), t.TempDir()
	res, err := Run(ctx, home, to, 3, t0)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(res.Path) != "kyukyu-backup-20261125-230000.000.tar.gz" {
		t.Errorf("archive name %s", res.Path)
	}
	if strings.Join(res.Files, ",") != "audit.db,audit.anchor,training.db" {
		t.Errorf("files %v", res.Files)
	}
	out := t.TempDir()
	if _, err := extract(res.Path, out); err != nil {
		t.Fatal(err)
	}
	if n := count(t, filepath.Join(out, audit.FileName)); n != 5 {
		t.Errorf("backup holds %d entries; want 5", n)
	}
	leftovers, _ := filepath.Glob(filepath.Join(to, ".*"))
	if len(leftovers) != 1 || filepath.Base(leftovers[0]) != lockName {
		t.Errorf("scratch files left in the backup folder: %v", leftovers)
	}
}

func TestBackupKeepsTheNewestGenerations(t *testing.T) {
	home, to := dataDir(t, 1), t.TempDir()
	for i := range 5 {
		if _, err := Run(ctx, home, to, 3, t0.Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	names := archives(t, to)
	want := []string{"kyukyu-backup-20261126-010000.000.tar.gz", "kyukyu-backup-20261126-020000.000.tar.gz", "kyukyu-backup-20261126-030000.000.tar.gz"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Fatalf("generations %v; want %v", names, want)
	}
	if _, err := Run(ctx, home, to, 0, t0); err == nil {
		t.Fatal("keep 0 accepted: it would delete every backup")
	}
}

func TestBackupWhileWriting(t *testing.T) {
	home, to := dataDir(t, 1), t.TempDir()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		l, err := audit.Open(filepath.Join(home, audit.FileName), audit.Options{})
		if err != nil {
			t.Error(err)
			return
		}
		defer l.Close()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := l.Append(audit.Entry{Mode: audit.Training, Action: audit.Show, Operator: "t"}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for i := range 5 {
		if _, err := Run(ctx, home, to, 10, t0.Add(time.Duration(i)*time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
}

func TestBackupRefusesABrokenLog(t *testing.T) {
	home, to := dataDir(t, 3), t.TempDir()
	audittest.Tamper(t, filepath.Join(home, audit.FileName), `UPDATE entries SET output = 'x' WHERE id = 2`)
	_, err := Run(ctx, home, to, 3, t0)
	if err == nil || !strings.Contains(err.Error(), "entry 2") {
		t.Fatalf("err = %v; want the broken entry named", err)
	}
	if names := archives(t, to); len(names) != 0 {
		t.Fatalf("an archive of a broken log was written: %v", names)
	}
}

func TestRestore(t *testing.T) {
	home, to := dataDir(t, 4), t.TempDir()
	res, err := Run(ctx, home, to, 3, t0)
	if err != nil {
		t.Fatal(err)
	}
	appendN(t, home, 3) // entries written after the backup
	l, err := audit.Open(filepath.Join(home, audit.FileName), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close() // a kyukyu still running

	saved, err := Restore(ctx, res.Path, home, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, filepath.Join(home, audit.FileName)); n != 4 {
		t.Fatalf("restored log has %d entries; want the backup's 4", n)
	}
	if len(saved) != 2 || len(outputs(t, saved[0])) != 7 {
		t.Fatalf("the log before the restore was not kept whole: %v", saved)
	}
	for _, p := range saved { // the log kept beside is as private as the log
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 && runtime.GOOS != "windows" {
			t.Errorf("%s: %v, %v; want 0600", p, st.Mode(), err)
		}
	}
	if n, err := l.Verify(); n != 4 || err != nil {
		t.Fatalf("the open handle sees %d, %v after the restore", n, err)
	}
	if e, err := l.Append(audit.Entry{Mode: audit.Training, Action: audit.Show, Operator: "t"}); err != nil || e.ID != 5 {
		t.Fatalf("append after restore: %+v, %v", e, err)
	}
	st, err := training.Open(home)
	if err != nil {
		t.Fatalf("training DB after restore: %v", err)
	}
	st.Close()
}

func TestRestoreIntoAnEmptyDataDir(t *testing.T) {
	res, err := Run(ctx, dataDir(t, 2), t.TempDir(), 3, t0)
	if err != nil {
		t.Fatal(err)
	}
	fresh := t.TempDir()
	saved, err := Restore(ctx, res.Path, fresh, t0)
	if err != nil || len(saved) != 0 {
		t.Fatalf("Restore = %v, %v", saved, err)
	}
	if n := count(t, filepath.Join(fresh, audit.FileName)); n != 2 {
		t.Fatalf("restored %d entries; want 2", n)
	}
}

func writeTar(t *testing.T, files map[string]string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "x.tar.gz")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	for name, body := range files {
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(body)), Typeflag: tar.TypeReg})
		tw.Write([]byte(body))
	}
	tw.Close()
	gz.Close()
	f.Close()
	return p
}

func TestBadArchivesRestoreNothing(t *testing.T) {
	home := dataDir(t, 2)
	good, err := Run(ctx, home, t.TempDir(), 3, t0)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(good.Path)
	truncated := filepath.Join(t.TempDir(), "truncated.tar.gz")
	os.WriteFile(truncated, data[:len(data)/2], 0o600)
	notGzip := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notGzip, []byte("hello"), 0o600)

	cases := map[string]struct{ path, want string }{
		"truncated":       {truncated, "damaged"},
		"not gzip":        {notGzip, "not gzip"},
		"escaping path":   {writeTar(t, map[string]string{"../audit.db": "x"}), "not a kyukyu database"},
		"unknown file":    {writeTar(t, map[string]string{"settings.json": "{}"}), "not a kyukyu database"},
		"not SQLite":      {writeTar(t, map[string]string{"audit.db": "junk junk junk"}), "not a readable SQLite database"},
		"empty":           {writeTar(t, map[string]string{}), "no database"},
		"missing archive": {filepath.Join(t.TempDir(), "none.tar.gz"), "none.tar.gz"},
	}
	for name, c := range cases {
		_, err := Restore(ctx, c.path, home, t0)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v; want %q", name, err, c.want)
		}
		// The system says "no such file" in its own words (Windows: "File not found").
		if name == "missing archive" && !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("missing archive: err = %v; want a file-not-found error", err)
		}
	}
	if n := count(t, filepath.Join(home, audit.FileName)); n != 2 {
		t.Fatalf("live log changed by failed restores: %d entries", n)
	}
	if saved, _ := filepath.Glob(filepath.Join(home, "*.before-restore-*")); len(saved) != 0 {
		t.Fatalf("failed restores left files: %v", saved)
	}
}

// An archive whose members would unpack beyond the limit is refused from
// its headers, before anything is unpacked.
func TestRestoreRefusesAnArchiveTooBigToUnpack(t *testing.T) {
	home := dataDir(t, 2)
	p := filepath.Join(t.TempDir(), "bomb.tar.gz")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	// The header alone: its content is never read.
	if err := tw.WriteHeader(&tar.Header{Name: audit.FileName, Mode: 0o600, Size: 3 << 30, Typeflag: tar.TypeReg}); err != nil {
		t.Fatal(err)
	}
	gz.Close()
	f.Close()
	if _, err := Restore(ctx, p, home, t0); err == nil || !strings.Contains(err.Error(), "would unpack to more than 2147483648 bytes") {
		t.Fatalf("Restore of a bomb = %v", err)
	}
	if n := count(t, filepath.Join(home, audit.FileName)); n != 2 {
		t.Fatalf("the live log changed: %d entries", n)
	}
}
