//go:build e2e

package audit

import (
	"bufio"
	"context"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// loadChildEnv makes the test binary a workstation: it appends views to
// the log named by the variable until the log holds loadViews views,
// printing "ack ID HASH" after each Append returned, forwards them in the
// background to $KYUKYU_AUDIT_URL, and at the end waits for its forwarder
// to catch up, printing "pending N".
const loadChildEnv = "KYUKYU_AUDIT_LOAD_CHILD"

const (
	loadWorkstations = 8
	loadViews        = 250
	loadPace         = 8 * time.Millisecond // a view every few ms: the faults land mid-run
)

func init() { children[loadChildEnv] = loadChild }

func loadChild(path string) int {
	l, err := Open(path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer l.Close()
	f, err := l.Forward(os.Getenv(URLEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer f.Close()
	// Views only: the log's switch to the hospital's salt comes between.
	var n int
	if err := l.db.QueryRow(`SELECT count(*) FROM entries WHERE action = ?`, Show).Scan(&n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	w := bufio.NewWriter(os.Stdout)
	for ; n < loadViews; n++ {
		e, err := l.Append(entry(l, Show, fmt.Sprintf("view %d of pid %d", n+1, os.Getpid())))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Fprintf(w, "ack %d %x\n", e.ID, e.Hash)
		w.Flush()
		time.Sleep(loadPace)
	}
	// Status counts the local log at most once a second: done only when a
	// fresh count agrees.
	for deadline := time.Now().Add(45 * time.Second); time.Now().Before(deadline); {
		f.Kick()
		time.Sleep(50 * time.Millisecond)
		if f.Status().Pending == 0 {
			time.Sleep(1100 * time.Millisecond)
			if f.Status().Pending == 0 {
				break
			}
		}
	}
	fmt.Fprintf(w, "pending %d\n", f.Status().Pending)
	w.Flush()
	return 0
}

// workstation is one kyukyu process of the load test and what it said.
type workstation struct {
	path  string
	url   string // its own role's
	mu    sync.Mutex
	acked map[int64]string // id → hash, as acknowledged
	final []string         // "pending N" of each run that ended by itself
}

func (w *workstation) start(t *testing.T) (*exec.Cmd, chan error) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), loadChildEnv+"="+w.path, URLEnv+"="+w.url)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			w.mu.Lock()
			switch {
			case len(f) == 3 && f[0] == "ack":
				id, _ := strconv.ParseInt(f[1], 10, 64)
				if prev, dup := w.acked[id]; dup && prev != f[2] {
					t.Errorf("%s: entry %d acknowledged twice with different hashes", w.path, id)
				}
				w.acked[id] = f[2]
			case len(f) == 2 && f[0] == "pending":
				w.final = append(w.final, f[1])
			}
			w.mu.Unlock()
		}
		err := cmd.Wait()
		if err != nil && stderr.Len() > 0 {
			err = fmt.Errorf("%v: %s", err, stderr.String())
		}
		done <- err
	}()
	return cmd, done
}

// TestLoadAndFaults: 8 workstation processes × 250 views against one
// PostgreSQL, the server restarted twice (once as a crash), two writers
// SIGKILLed and started again. After sync the central log holds every
// acknowledged entry exactly once, and every chain verifies locally and
// against its central copy.
func TestLoadAndFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: 8 processes × 250 views")
	}
	srv, _ := central(t)
	root := t.TempDir()
	ws := make([]*workstation, loadWorkstations)
	cmds := make([]*exec.Cmd, loadWorkstations)
	dones := make([]chan error, loadWorkstations)
	for i := range ws {
		dir := filepath.Join(root, fmt.Sprintf("ws%d", i), "kyukyu")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		ws[i] = &workstation{path: filepath.Join(dir, FileName), url: enroll(t, srv, fmt.Sprintf("load-%d", i)), acked: map[int64]string{}}
		cmds[i], dones[i] = ws[i].start(t)
	}
	acked := func(i int) int {
		ws[i].mu.Lock()
		defer ws[i].mu.Unlock()
		return len(ws[i].acked)
	}
	waitAcked := func(i, n int) {
		for deadline := time.Now().Add(60 * time.Second); acked(i) < n; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("workstation %d acknowledged only %d views", i, acked(i))
			}
		}
	}
	start := time.Now()
	// Faults in the middle of the run, each once a workstation is far enough.
	waitAcked(0, 40)
	if err := srv.Stop("immediate"); err != nil { // a crash of the server
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	waitAcked(1, 100)
	for _, i := range []int{2, 5} {
		cmds[i].Process.Signal(syscall.SIGKILL)
		<-dones[i]
		cmds[i], dones[i] = ws[i].start(t) // the user starts kyukyu again
	}
	waitAcked(3, 170)
	if err := srv.Stop("fast"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	for i := range ws {
		if err := <-dones[i]; err != nil {
			t.Fatalf("workstation %d: %v", i, err)
		}
	}
	run := time.Since(start)

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	central := map[string]int{} // hash → rows
	c, err := pgx.Connect(ctx, auditorURL(srv))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	for i, w := range ws {
		// The background forwarder caught up by itself, across both restarts.
		if len(w.final) == 0 || w.final[len(w.final)-1] != "0" {
			t.Errorf("workstation %d: its forwarder left %v entries pending", i, w.final)
		}
		l, err := Open(w.path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		f, err := l.Forward(w.url)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := f.Sync(ctx); n != 0 || err != nil {
			t.Fatalf("workstation %d: sync = %d, %v", i, n, err)
		}
		f.Close()
		// Each log's views and its one switch to the hospital's salt.
		n, err := l.Verify()
		if err != nil || n != loadViews+1 {
			t.Fatalf("workstation %d: local verify = %d, %v; want %d", i, n, err, loadViews+1)
		}
		if n, err := l.CompareCentral(ctx, w.url); err != nil || n != loadViews+1 {
			t.Fatalf("workstation %d: central comparison = %d, %v", i, n, err)
		}
		logID, _ := l.LogID()
		rs, err := c.Query(ctx, `SELECT hash FROM kyukyu_audit_entries WHERE log_id = $1`, logID)
		if err != nil {
			t.Fatal(err)
		}
		for rs.Next() {
			var h []byte
			rs.Scan(&h)
			central[hex.EncodeToString(h)]++
		}
		rs.Close()
		for id, h := range w.acked {
			if central[h] != 1 {
				t.Errorf("workstation %d: acknowledged entry %d is %d times in the central log", i, id, central[h])
			}
		}
		l.Close()
	}
	var rows int
	c.QueryRow(ctx, `SELECT count(*) FROM kyukyu_audit_entries`).Scan(&rows)
	if rows != loadWorkstations*(loadViews+1) || len(central) != rows {
		t.Fatalf("central log holds %d rows (%d distinct); want %d", rows, len(central), loadWorkstations*(loadViews+1))
	}
	t.Logf("%d workstations × %d views in %v with 2 server restarts and 2 writers killed; all in the central log once", loadWorkstations, loadViews, run.Round(time.Millisecond))
}
