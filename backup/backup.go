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
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"kyukyu/audit"
	"kyukyu/internal/flock"
	"kyukyu/internal/home"
	"kyukyu/internal/safefile"
	"kyukyu/internal/sqliteuri"
	"kyukyu/summary"
	"kyukyu/training"
)

// Database is one file of the data directory a backup carries, with the
// check its copy must pass beyond SQLite's integrity_check.
type Database struct {
	File  string
	Check func(path string) error // nil: integrity_check alone
}

// AnchorFile is the audit log's anchor inside an archive.
const AnchorFile = "audit.anchor"

// Databases are the files a backup carries, when present. The audit log
// is checked against the anchor copied with it.
var Databases = []Database{
	{audit.FileName, func(p string) error {
		_, err := audit.Check(p, filepath.Join(filepath.Dir(p), AnchorFile))
		return err
	}},
	{training.FileName, nil},
}

// Archive names: kyukyu-backup-<Japan time>.tar.gz, which sort by age.
const (
	prefix     = "kyukyu-backup-"
	suffix     = ".tar.gz"
	stampFmt   = "20060102-150405.000"
	busyParams = "?_busy_timeout=15000"
)

// Scratch names. A crash can leave them; the next run removes them while
// it holds the lock that its own scratch files are made under.
const (
	workPrefix    = ".kyukyu-backup-work-"
	verifyPrefix  = "kyukyu-verify-"
	partialPrefix = ".partial-"
	restorePrefix = ".kyukyu-restore-"
	lockName      = ".kyukyu-backup.lock"
)

// Result says what a backup wrote.
type Result struct {
	Path    string
	Files   []string // databases in the archive
	Removed []string // older generations deleted
}

// Run backs up the databases of dataDir into a new archive in toDir,
// verifies the archive as written, and keeps the newest keep archives that
// kyukyu made there (see prune).
func Run(ctx context.Context, dataDir, toDir string, keep int, now time.Time) (*Result, error) {
	if keep < 1 {
		return nil, fmt.Errorf("backup: keep must be at least 1, not %d", keep)
	}
	if err := os.MkdirAll(toDir, 0o700); err != nil {
		return nil, fmt.Errorf("backup: cannot create %s: %w", toDir, err)
	}
	lk, err := flock.Acquire(filepath.Join(toDir, lockName), true)
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	defer lk.Unlock()
	if err := sweep(toDir, workPrefix, verifyPrefix, partialPrefix, safefile.TempPrefix+prefix, safefile.TempPrefix+manifestName); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	work, err := os.MkdirTemp(toDir, workPrefix)
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
		if err := copyDatabase(ctx, src, work, d.File); err != nil {
			return nil, fmt.Errorf("backup: copy %s: %w", d.File, err)
		}
		if err := check(ctx, d, copyPath); err != nil {
			return nil, fmt.Errorf("backup: the copy of %s is not sound, so no backup was written: %w", d.File, err)
		}
		res.Files = append(res.Files, d.File)
		if d.File == audit.FileName {
			res.Files = append(res.Files, AnchorFile)
		}
	}
	if len(res.Files) == 0 {
		return nil, fmt.Errorf("backup: no database in %s (nothing to back up)", dataDir)
	}
	if _, err := os.Lstat(res.Path); err == nil {
		return nil, fmt.Errorf("backup: %s already exists", res.Path)
	}
	if err := writeArchive(res.Path, work, res.Files); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	if err := verifyArchive(ctx, res.Path, toDir); err != nil {
		os.Remove(res.Path)
		return nil, fmt.Errorf("backup: the archive written does not read back, removed: %w", err)
	}
	res.Removed, err = prune(toDir, filepath.Base(res.Path), keep)
	return res, err
}

// copyDatabase writes a consistent copy of the database file of dataDir
// into work; the audit log is copied with its anchor under the writers'
// lock, so that the two match.
func copyDatabase(ctx context.Context, src, work, file string) error {
	if file != audit.FileName {
		return vacuumInto(ctx, src, filepath.Join(work, file))
	}
	return audit.Locked(src, func() error {
		if err := vacuumInto(ctx, src, filepath.Join(work, file)); err != nil {
			return err
		}
		anchor, err := os.ReadFile(audit.AnchorFor(src))
		if err != nil {
			return fmt.Errorf("the log's anchor: %w", err)
		}
		return os.WriteFile(filepath.Join(work, AnchorFile), anchor, 0o600)
	})
}

// sweep removes what a crashed run left in dir: names starting with one of
// prefixes, and nothing else.
func sweep(dir string, prefixes ...string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(e.Name(), p) }) {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return fmt.Errorf("cannot remove the leftover %s: %w", e.Name(), err)
			}
		}
	}
	return nil
}

// verifyArchive extracts an archive to a scratch folder in dir and checks
// every database in it.
func verifyArchive(ctx context.Context, archive, dir string) error {
	tmp, err := os.MkdirTemp(dir, verifyPrefix)
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	_, err = extractChecked(ctx, archive, tmp, int64(2<<30))
	return err
}

// extractChecked extracts archive into dir, refusing one that would
// unpack to more than limit bytes, and checks each database.
func extractChecked(ctx context.Context, archive, dir string, limit int64) ([]string, error) {
	if err := unpackedSize(archive, limit); err != nil {
		return nil, err
	}
	files, err := extract(archive, dir)
	if err != nil {
		return nil, err
	}
	var dbs []string
	for _, f := range files {
		i := slices.IndexFunc(Databases, func(d Database) bool { return d.File == f })
		if i < 0 {
			continue // the anchor, checked with the log
		}
		if err := check(ctx, Databases[i], filepath.Join(dir, f)); err != nil {
			return nil, fmt.Errorf("%s in %s: %w", f, filepath.Base(archive), err)
		}
		dbs = append(dbs, f)
	}
	if len(dbs) == 0 {
		return nil, fmt.Errorf("%s holds no database", filepath.Base(archive))
	}
	return dbs, nil
}

// vacuumInto writes a consistent snapshot of a live database.
func vacuumInto(ctx context.Context, src, dst string) error {
	// VACUUM INTO takes an empty file: made here owner-only, as the log is.
	f, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	f.Close()
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
	uri, err := sqliteuri.File(path, "mode=ro")
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite3", uri)
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

// unpackedSize refuses an archive whose members would unpack to more than
// limit bytes, reading only its headers' sizes: nothing is written.
func unpackedSize(archive string, limit int64) error {
	f, err := os.Open(archive)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s is not a kyukyu backup (not gzip): %w", filepath.Base(archive), err)
	}
	tr := tar.NewReader(gz)
	var total int64
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s is damaged: %w", filepath.Base(archive), err)
		}
		if total += h.Size; h.Size < 0 || total > limit {
			return fmt.Errorf("%s would unpack to more than %d bytes (at %q): refused before unpacking", filepath.Base(archive), limit, h.Name)
		}
	}
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
		known := h.Name == AnchorFile || slices.ContainsFunc(Databases, func(d Database) bool { return d.File == h.Name })
		if h.Typeflag != tar.TypeReg || !known || slices.Contains(files, h.Name) {
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
	return files, nil
}

// manifestName lists, one "sha256 name" a line, the archives kyukyu
// wrote in a folder, oldest first: rotation deletes only those, and only
// while their content is still what kyukyu wrote.
const manifestName = "kyukyu-backups.manifest"

type made struct{ sum, name string }

// prune records the archive just written in the manifest and deletes the
// oldest archives kyukyu made there beyond keep. It never deletes the new
// archive, a file kyukyu did not write, or one changed since.
func prune(dir, newName string, keep int) ([]string, error) {
	mpath := filepath.Join(dir, manifestName)
	list, err := readManifest(mpath)
	if err != nil {
		return nil, err
	}
	var ours []made
	for _, m := range list {
		if m.name == newName {
			continue
		}
		if sum, err := fileSum(filepath.Join(dir, m.name)); err == nil && sum == m.sum {
			ours = append(ours, m)
		}
	}
	sum, err := fileSum(filepath.Join(dir, newName))
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	var removed []string
	for len(ours)+1 > keep {
		p := filepath.Join(dir, ours[0].name)
		if err := os.Remove(p); err != nil {
			return removed, fmt.Errorf("backup: cannot remove old generation %s: %w", p, err)
		}
		removed, ours = append(removed, p), ours[1:]
	}
	ours = append(ours, made{sum, newName})
	var b strings.Builder
	for _, m := range ours {
		fmt.Fprintf(&b, "%s %s\n", m.sum, m.name)
	}
	if err := safefile.WriteFile(mpath, []byte(b.String())); err != nil {
		return removed, fmt.Errorf("backup: the archive is written, but the list of kyukyu's archives is not: %w", err)
	}
	return removed, nil
}

func readManifest(path string) ([]made, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	var out []made
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		sum, name, ok := strings.Cut(line, " ")
		if ok && filepath.Base(name) == name {
			out = append(out, made{sum, name})
		}
	}
	return out, nil
}

func fileSum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Restore puts the databases of an archive back into dataDir. The
// archive is first copied into the data folder, hashed, unpacked and
// checked — all before the audit log's writers' lock, so an archive on a
// hung share or a FIFO never holds up a view. Then, under the lock (a
// kyukyu writing waits, and no entry it acknowledged is lost), each
// database present is saved beside itself as <file>.before-restore-<time>
// (owner-only), and replaced through SQLite's online backup API, so a
// kyukyu reading sees the old or the new file, never a mix; the live
// anchor records the restore, and the log the archive's SHA-256 for the
// central log. It returns the saved files.
func Restore(ctx context.Context, archive, dataDir string, now time.Time) (saved []string, err error) {
	live := filepath.Join(dataDir, audit.FileName)
	if err := sweep(dataDir, restorePrefix); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	tmp, err := os.MkdirTemp(dataDir, restorePrefix)
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	defer os.RemoveAll(tmp)
	limit := unpackLimit(live)
	local := filepath.Join(tmp, "in", filepath.Base(archive))
	sum, err := fetch(ctx, archive, local, limit)
	if err != nil {
		return nil, fmt.Errorf("restore: nothing restored: %w", err)
	}
	files, err := extractChecked(ctx, local, tmp, limit)
	if err != nil {
		return nil, fmt.Errorf("restore: nothing restored: %w", err)
	}
	err = audit.Locked(live, func() error {
		for _, f := range files {
			dst := filepath.Join(dataDir, f)
			if _, err := os.Stat(dst); err == nil {
				keepAs := dst + ".before-restore-" + now.In(summary.Tokyo).Format(stampFmt)
				if err := vacuumInto(ctx, dst, keepAs); err != nil {
					return fmt.Errorf("cannot save the current %s, so it was not replaced: %w", f, err)
				}
				saved = append(saved, keepAs)
			}
			if err := home.Private(dst); err != nil {
				return err
			}
			if err := copyOnline(ctx, filepath.Join(tmp, f), dst); err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			// The log's own check waits for the lock held here; SQLite's is enough now.
			if err := check(ctx, Database{File: f}, dst); err != nil {
				return fmt.Errorf("%s after restoring: %w", f, err)
			}
			if f == audit.FileName {
				if err := audit.MarkRestored(dst, audit.AnchorFor(dst), archive, sum); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return saved, fmt.Errorf("restore: %w", err)
	}
	return saved, nil
}

// unpackLimit bounds what an archive may unpack to: 2 GiB, or 20 times
// the current log when that is more.
func unpackLimit(live string) int64 {
	limit := int64(2 << 30)
	if st, err := os.Stat(live); err == nil {
		limit = max(limit, 20*st.Size())
	}
	return limit
}

// fetch copies the archive at src to dst (owner-only), at most limit
// bytes, and returns its SHA-256. Only a regular file is read, and the
// copy ends with ctx even when the file's share hangs.
func fetch(ctx context.Context, src, dst string, limit int64) (string, error) {
	type result struct {
		sum string
		err error
	}
	done := make(chan result, 1)
	go func() {
		sum, err := copyHashed(src, dst, limit)
		done <- result{sum, err}
	}()
	select {
	case r := <-done:
		return r.sum, r.err
	case <-ctx.Done():
		return "", fmt.Errorf("%s could not be read in time: %w", src, ctx.Err())
	}
}

func copyHashed(src, dst string, limit int64) (string, error) {
	st, err := os.Stat(src)
	if err != nil {
		return "", err
	}
	if !st.Mode().IsRegular() {
		return "", fmt.Errorf("%s is not a regular file (%s): copy the archive to a folder first", src, st.Mode().Type())
	}
	if st.Size() > limit {
		return "", fmt.Errorf("%s is %d bytes, more than the %d an archive may hold here", filepath.Base(src), st.Size(), limit)
	}
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return "", err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, h), io.LimitReader(in, limit+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > limit {
		err = fmt.Errorf("%s grew beyond %d bytes while it was read", filepath.Base(src), limit)
	}
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
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
