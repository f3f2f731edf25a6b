package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"kyukyu/audit"
	"kyukyu/internal/home"
	"kyukyu/internal/safefile"
	"kyukyu/summary"
)

// withdrawnFile keeps, between runs, the OQS results a run gave up waiting
// for: the next run with the same res folder removes them when they have
// come (patient data nobody asked for any more), with an audit line. Each
// line: res folder, result file name, Unix time of the timeout; no patient
// data (the names hold only the request's identifier).
const withdrawnFile = "oqs-withdrawn.tsv"

func withdrawnPath() (string, error) {
	d, err := home.Dir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, withdrawnFile), nil
}

// readWithdrawn reads every line of the file, by res folder.
func readWithdrawn() (map[string]map[string]time.Time, error) {
	path, err := withdrawnPath()
	if err != nil {
		return nil, err
	}
	all := map[string]map[string]time.Time{}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return all, nil
	}
	if err != nil {
		return nil, fmt.Errorf("the list of late OQS results: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 {
			continue // not ours; the client takes only result names anyway
		}
		sec, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil {
			continue
		}
		if all[f[0]] == nil {
			all[f[0]] = map[string]time.Time{}
		}
		all[f[0]][f[1]] = time.Unix(sec, 0)
	}
	return all, nil
}

// loadWithdrawn is what earlier runs left to remove from resDir.
func loadWithdrawn(resDir string) (map[string]time.Time, error) {
	all, err := readWithdrawn()
	if err != nil {
		return nil, err
	}
	return all[filepath.Clean(resDir)], nil
}

// saveWithdrawn replaces resDir's lines by w, keeping the other folders'.
func saveWithdrawn(resDir string, w map[string]time.Time) error {
	all, err := readWithdrawn()
	if err != nil {
		return err
	}
	all[filepath.Clean(resDir)] = w
	var b strings.Builder
	for dir, names := range all {
		for name, at := range names {
			fmt.Fprintf(&b, "%s\t%s\t%d\n", dir, name, at.Unix())
		}
	}
	path, err := withdrawnPath()
	if err != nil {
		return err
	}
	if err := safefile.WriteFile(path, []byte(b.String())); err != nil {
		return fmt.Errorf("the list of late OQS results: %w", err)
	}
	return nil
}

// lateLogger is the client's Late hook: an audit line for each late result
// removed unread (the file by its reference), and a line on stderr.
func lateLogger(env *Env) func(file string) {
	return func(file string) {
		err := appendEntry(env, func(l *audit.Log) audit.Entry {
			return audit.Entry{Action: audit.Discard, Mode: audit.ModeOf(summary.Emergency),
				Output: "OQS result after the timeout, removed unread: file " + l.FileRef(file)}
		})
		if err != nil {
			fmt.Fprintf(env.Stderr, "kyukyu: removed a late OQS result of an earlier request; %v\n", err)
			return
		}
		fmt.Fprintln(env.Stderr, "kyukyu: removed a late OQS result of an earlier request (logged)")
	}
}
