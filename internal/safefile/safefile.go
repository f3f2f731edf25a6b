// Package safefile writes files so that a reader, a crash or a power cut
// sees either the old file or the whole new one, never a part.
package safefile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// TempPrefix starts the name of every temporary file Write makes, so that a
// folder watcher can ignore them and a start-up sweep can find crash leftovers.
const TempPrefix = ".kyukyu-tmp-"

// ErrNotRegular is returned for a target that exists and is not a regular
// file: a directory, a symlink, a device or a FIFO is never written through.
var ErrNotRegular = errors.New("not a regular file")

// Write creates or replaces path with what write produces: a temporary file
// in the same folder (mode 0600: what we write holds patient data), written,
// synced, renamed over path, and the folder synced.
func Write(path string, write func(w io.Writer) error) (err error) {
	if err := CheckTarget(path); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, TempPrefix+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	// Sync before the rename so a power cut leaves the old file or the whole new one.
	if err := f.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	return SyncDir(dir)
}

// WriteFile is Write for bytes already in memory.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// CheckTarget refuses a path that exists and is not a regular file, naming
// what it is, so the user can choose another name.
func CheckTarget(path string) error {
	st, err := os.Lstat(path)
	if err != nil || st.Mode().IsRegular() {
		// A missing file is what we create; any other failure (a parent that is
		// a file, no permission) is reported by the write, naming the folder.
		return nil
	}
	return fmt.Errorf("cannot write %s: it is %s, %w: choose a file name", path, kind(st.Mode()), ErrNotRegular)
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a file"
}

// SyncDir makes a rename in dir durable. Windows cannot open a folder for
// syncing and makes renames durable itself.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// IsTemp tells whether a file name is one of Write's temporary files.
func IsTemp(name string) bool { return strings.HasPrefix(filepath.Base(name), TempPrefix) }

// unwrapPath drops the temporary file's name from an error: the user knows
// the target path, not ours.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
