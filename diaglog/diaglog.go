// Package diaglog is the diagnostic log a support person asks for: what
// kyukyu did and how it went (version, commands, reader and connector
// states, timings), as log/slog text lines in logs/kyukyu.log in the data
// folder, rotated at MaxSize with Keep old files.
//
// It never holds patient data or PINs: callers log events, states, file
// names the connector chose, durations and error kinds, never names,
// insurance numbers, card serials, PINs or the text of an error that may
// quote a record. The access log (audit) is where patients appear.
package diaglog

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
)

const (
	// Folder is the log's folder inside the data folder.
	Folder = "logs"
	// FileName is the current log; older ones are FileName.1 … FileName.Keep.
	FileName = "kyukyu.log"
	// MaxSize is the size at which the log is rotated.
	MaxSize = 1 << 20
	// Keep is how many rotated files are kept.
	Keep = 3
)

// Log is an open diagnostic log.
type Log struct {
	logger *slog.Logger
	w      *rotating
}

// Open opens (or creates) the log in dataDir/logs.
func Open(dataDir string) (*Log, error) {
	dir := filepath.Join(dataDir, Folder)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("diaglog: cannot create %s: %w", dir, err)
	}
	w := &rotating{path: filepath.Join(dir, FileName), max: MaxSize}
	if err := w.open(); err != nil {
		return nil, err
	}
	return &Log{logger: slog.New(slog.NewTextHandler(w, nil)), w: w}, nil
}

// Logger is the log's logger; the program's start makes it slog's default.
func (l *Log) Logger() *slog.Logger { return l.logger }

// Path is the current file, for the support person.
func (l *Log) Path() string { return l.w.path }

// Close closes the file.
func (l *Log) Close() error { return l.w.Close() }

// rotating appends to path and, when a write would pass max, moves the
// files one number up (dropping the oldest) and starts a new one.
// Appends of whole lines from several kyukyu processes interleave safely
// (O_APPEND); a rotation racing another process may lose a few lines.
type rotating struct {
	mu   sync.Mutex
	path string
	max  int64
	f    *os.File
	size int64
}

var _ io.WriteCloser = (*rotating)(nil)

func (r *rotating) open() error {
	f, err := os.OpenFile(r.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("diaglog: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("diaglog: %w", err)
	}
	r.f, r.size = f, st.Size()
	return nil
}

func (r *rotating) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return 0, os.ErrClosed
	}
	if r.size > 0 && r.size+int64(len(p)) > r.max {
		if err := r.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := r.f.Write(p)
	r.size += int64(n)
	return n, err
}

func (r *rotating) rotate() error {
	r.f.Close()
	r.f = nil
	os.Remove(fmt.Sprintf("%s.%d", r.path, Keep))
	for i := Keep - 1; i >= 1; i-- {
		os.Rename(fmt.Sprintf("%s.%d", r.path, i), fmt.Sprintf("%s.%d", r.path, i+1))
	}
	if err := os.Rename(r.path, r.path+".1"); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("diaglog: rotating: %w", err)
	}
	return r.open()
}

func (r *rotating) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return nil
	}
	err := r.f.Close()
	r.f = nil
	return err
}
