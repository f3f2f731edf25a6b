// Package backup copies the data directory's databases, while kyukyu keeps
// running, into one timestamped archive per run, checks the archive it
// wrote, keeps the newest generations, and restores an archive. Hospitals
// are asked for backups in several generations, some kept offline: the
// archive is a plain .tar.gz a hospital can carry anywhere.
package backup

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"kyukyu/audit"
	"kyukyu/internal/safefile"
	"kyukyu/summary"
	"kyukyu/training"
)

// Database is one file of the data directory a backup carries, with the
// check its copy must pass beyond SQLite's integrity_check.
type Database struct {
	File  string
	Check func(path string) error // nil: integrity_check alone
}

// Databases are the files a backup carries, when present.
var Databases = []Database{
	{audit.FileName, func(p string) error { _, err := audit.VerifyFile(p); return err }},
	{training.FileName, nil},
}

// Archive names: kyukyu-backup-<Japan time>.tar.gz, which sort by age.
const (
	prefix     = "kyukyu-backup-"
	suffix     = ".tar.gz"
	stampFmt   = "20060102-150405.000"
	busyParams = "?_busy_timeout=15000"
)

// Result says what a backup wrote.
type Result struct {
	Path    string
	Files   []string // databases in the archive
	Removed []string // older generations deleted
}

// Run backs up the databases of dataDir into a new archive in toDir,
// verifies the archive as written, and keeps the newest keep archives.
func Run(ctx context.Context, dataDir, toDir string, keep int, now time.Time) (*Result, error) {
	if keep < 1 {
		return nil, fmt.Errorf("backup: keep must be at least 1, not %d", keep)
	}
	if err := os.MkdirAll(toDir, 0o700); err != nil {
		return nil, fmt.Errorf("backup: cannot create %s: %w", toDir, err)
	}
	work, err := os.MkdirTemp(toDir, ".kyukyu-backup-work-")
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	defer os.RemoveAll(work)

	res := &Result{Path: filepath.Join(toDir, prefix+now.In(summary.Tokyo).Format(stampFmt)+suffix)}
	for _, d := range Databases {
		src := filepath.Join(dataDir, d.File)
		if _, err := os.Stat(src); errors.Is(err, os.ErrNotExist) {
			continue
		}
		copyPath := filepath.Join(work, d.File)
		if err := vacuumInto(ctx, src, copyPath); err != nil {
			return nil, fmt.Errorf("backup: copy %s: %w", d.File, err)
		}
		if err := check(ctx, d, copyPath); err != nil {
			return nil, fmt.Errorf("backup: the copy of %s is not sound, so no backup was written: %w", d.File, err)
		}
		res.Files = append(res.Files, d.File)
	}
	if len(res.Files) == 0 {
		return nil, fmt.Errorf("backup: no database in %s (nothing to back up)", dataDir)
	}
	if _, err := os.Stat(res.Path); err == nil {
		return nil, fmt.Errorf("backup: %s already exists", res.Path)
	}
	if err := writeArchive(res.Path, work, res.Files); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	if _, err := Verify(ctx, res.Path); err != nil {
		os.Remove(res.Path)
		return nil, fmt.Errorf("backup: the archive written does not read back, removed: %w", err)
	}
	res.Removed, err = prune(toDir, keep)
	return res, err
}

// Verify extracts an archive to a scratch folder and checks every
// database in it; it returns the files it holds.
func Verify(ctx context.Context, archive string) ([]string, error) {
	tmp, err := os.MkdirTemp("", "kyukyu-verify-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	return extractChecked(ctx, archive, tmp)
}

// extractChecked extracts archive into dir and checks each database.
func extractChecked(ctx context.Context, archive, dir string) ([]string, error) {
	files, err := extract(archive, dir)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if err := check(ctx, byFile(f), filepath.Join(dir, f)); err != nil {
			return nil, fmt.Errorf("%s in %s: %w", f, filepath.Base(archive), err)
		}
	}
	return files, nil
}

func byFile(f string) Database {
	i := slices.IndexFunc(Databases, func(d Database) bool { return d.File == f })
	return Databases[i] // extract admits only known files
}

// vacuumInto writes a consistent snapshot of a live database.
func vacuumInto(ctx context.Context, src, dst string) error {
	db, err := sql.Open("sqlite3", src+busyParams)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, `VACUUM INTO ?`, dst)
	return err
}

// check runs integrity_check and the database's own check on a file,
// read-only.
func check(ctx context.Context, d Database, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite3", (&url.URL{Scheme: "file", Path: abs}).String()+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("not a readable SQLite database: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("integrity check failed: %s", res)
	}
	if d.Check != nil {
		return d.Check(path)
	}
	return nil
}

// writeArchive packs files of dir into a .tar.gz at path through
// safefile, so a half-written archive never carries the name of a backup.
func writeArchive(path, dir string, files []string) error {
	return safefile.Write(path, func(w io.Writer) error {
		gz := gzip.NewWriter(w)
		tw := tar.NewWriter(gz)
		for _, f := range files {
			if err := addFile(tw, filepath.Join(dir, f), f); err != nil {
				return err
			}
		}
		if err := tw.Close(); err != nil {
			return err
		}
		return gz.Close()
	})
}

func addFile(tw *tar.Writer, path, name string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: st.Size(), ModTime: st.ModTime(), Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}

// extract unpacks the known database files of an archive into dir and
// refuses anything else (a path that could escape dir, an unknown file).
func extract(archive, dir string) ([]string, error) {
	f, err := os.Open(archive)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s is not a kyukyu backup (not gzip): %w", filepath.Base(archive), err)
	}
	tr := tar.NewReader(gz)
	var files []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s is damaged: %w", filepath.Base(archive), err)
		}
		if h.Typeflag != tar.TypeReg || !slices.ContainsFunc(Databases, func(d Database) bool { return d.File == h.Name }) || slices.Contains(files, h.Name) {
			return nil, fmt.Errorf("%s holds %q, which is not a kyukyu database", filepath.Base(archive), h.Name)
		}
		out, err := os.OpenFile(filepath.Join(dir, h.Name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return nil, err
		}
		_, err = io.Copy(out, tr)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("%s is damaged: %w", filepath.Base(archive), err)
		}
		files = append(files, h.Name)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no database", filepath.Base(archive))
	}
	return files, nil
}

// prune deletes all but the newest keep archives in dir.
func prune(dir string, keep int) ([]string, error) {
	names, err := Archives(dir)
	if err != nil {
		return nil, err
	}
	var removed []string
	for len(names) > keep {
		p := filepath.Join(dir, names[0])
		if err := os.Remove(p); err != nil {
			return removed, fmt.Errorf("backup: cannot remove old generation %s: %w", p, err)
		}
		removed, names = append(removed, p), names[1:]
	}
	return removed, nil
}

// Archives lists the backups in dir, oldest first.
func Archives(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range ents {
		if n := e.Name(); e.Type().IsRegular() && strings.HasPrefix(n, prefix) && strings.HasSuffix(n, suffix) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names, nil
}

// Restore puts the databases of an archive back into dataDir. The archive
// is checked first; each database then present is first saved beside
// itself as <file>.before-restore-<time>, so a restore loses nothing. The
// copy goes through SQLite's online backup API, which takes the database's
// locks, so a kyukyu still running sees the old or the new file, never a
// mix. It returns the saved files.
func Restore(ctx context.Context, archive, dataDir string, now time.Time) ([]string, error) {
	tmp, err := os.MkdirTemp(dataDir, ".kyukyu-restore-")
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	defer os.RemoveAll(tmp)
	files, err := extractChecked(ctx, archive, tmp)
	if err != nil {
		return nil, fmt.Errorf("restore: nothing restored: %w", err)
	}
	var saved []string
	for _, f := range files {
		live := filepath.Join(dataDir, f)
		if _, err := os.Stat(live); err == nil {
			keepAs := live + ".before-restore-" + now.In(summary.Tokyo).Format(stampFmt)
			if err := vacuumInto(ctx, live, keepAs); err != nil {
				return saved, fmt.Errorf("restore: cannot save the current %s, so it was not replaced: %w", f, err)
			}
			saved = append(saved, keepAs)
		}
		if err := copyOnline(ctx, filepath.Join(tmp, f), live); err != nil {
			return saved, fmt.Errorf("restore: %s: %w", f, err)
		}
		if err := check(ctx, byFile(f), live); err != nil {
			return saved, fmt.Errorf("restore: %s after restoring: %w", f, err)
		}
	}
	return saved, nil
}

// copyOnline copies src over dst with the SQLite backup API.
func copyOnline(ctx context.Context, src, dst string) error {
	sdb, err := sql.Open("sqlite3", src)
	if err != nil {
		return err
	}
	defer sdb.Close()
	ddb, err := sql.Open("sqlite3", dst+busyParams)
	if err != nil {
		return err
	}
	defer ddb.Close()
	sc, err := sdb.Conn(ctx)
	if err != nil {
		return err
	}
	defer sc.Close()
	dc, err := ddb.Conn(ctx)
	if err != nil {
		return err
	}
	defer dc.Close()
	return dc.Raw(func(d any) error {
		return sc.Raw(func(s any) error {
			b, err := d.(*sqlite3.SQLiteConn).Backup("main", s.(*sqlite3.SQLiteConn), "main")
			if err != nil {
				return err
			}
			done, err := b.Step(-1)
			if ferr := b.Finish(); err == nil {
				err = ferr
			}
			if err == nil && !done {
				err = errors.New("backup API stopped before the end")
			}
			return err
		})
	})
}
