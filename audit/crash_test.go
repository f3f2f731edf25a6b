package audit

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// childEnv makes the test binary a writer process: it appends entries to
// the log named by the variable and prints "id<TAB>output" for each one
// after Append returned, i.e. after the commit was acknowledged.
const childEnv = "KYUKYU_AUDIT_CRASH_CHILD"

// children are the roles the test binary plays when started by a test,
// by the variable that names the log; other test files add theirs.
var children = map[string]func(path string) int{childEnv: crashChild}

func TestMain(m *testing.M) {
	for env, child := range children {
		if path := os.Getenv(env); path != "" {
			os.Exit(child(path))
		}
	}
	os.Exit(m.Run())
}

func crashChild(path string) int {
	l, err := Open(path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for i := 0; ; i++ {
		e := entry(l, Show, fmt.Sprintf("pid %d seq %d", os.Getpid(), i))
		got, err := l.Append(e)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		// One write(2) per line: a line on the pipe is whole or absent.
		os.Stdout.WriteString(fmt.Sprintf("%d\t%s\n", got.ID, got.Output))
	}
}

// TestCrashLosesNoAcknowledgedEntry kills writers with SIGKILL at random
// moments, often two at once, and then checks that every acknowledged
// entry is in the log with its content and that the chain is intact.
func TestCrashLosesNoAcknowledgedEntry(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: 200 SIGKILLed writers")
	}
	path := filepath.Join(t.TempDir(), FileName)
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 6))
	t.Logf("kill delays from seed %d", seed)
	const kills = 200
	acked := map[int64]string{}
	killedMidWrite := 0
	for round := 0; round < kills; {
		writers := 1 + rng.IntN(2)
		var cmds []*exec.Cmd
		var outs []chan map[int64]string
		var firsts []chan struct{}
		for range writers {
			cmd := exec.Command(os.Args[0])
			cmd.Env = append(os.Environ(), childEnv+"="+path)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			out, first := make(chan map[int64]string, 1), make(chan struct{})
			go func() { out <- readAcks(stdout, first) }()
			cmds, outs, firsts = append(cmds, cmd), append(outs, out), append(firsts, first)
		}
		// Mostly kill while appending (however slow the machine is to start
		// a writer), sometimes during start-up and opening.
		if rng.IntN(4) > 0 {
			select {
			case <-firsts[0]:
			case <-time.After(10 * time.Second):
				t.Fatal("writer acknowledged nothing in 10 s")
			}
		}
		time.Sleep(time.Duration(rng.IntN(30_000)) * time.Microsecond)
		for i, cmd := range cmds {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatalf("kill writer: %v", err)
			}
			got := <-outs[i]
			err := cmd.Wait()
			if !killed(cmd) {
				t.Fatalf("writer ended before it was killed (%v): %s", err, cmd.Stderr)
			}
			if len(got) > 0 {
				killedMidWrite++
			}
			for id, out := range got {
				if prev, dup := acked[id]; dup {
					t.Fatalf("entry %d acknowledged twice: %q and %q", id, prev, out)
				}
				acked[id] = out
			}
			round++
		}
	}
	if killedMidWrite < kills/2 {
		t.Fatalf("only %d of %d writers were killed while appending; the test proves little", killedMidWrite, kills)
	}

	l, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("log does not open after the crashes: %v", err)
	}
	defer l.Close()
	n, err := l.Verify()
	if err != nil {
		t.Fatalf("chain broken after crashes: %v", err)
	}
	stored := map[int64]string{}
	rs, err := l.db.Query(`SELECT id, output FROM entries`)
	if err != nil {
		t.Fatal(err)
	}
	for rs.Next() {
		var id int64
		var out string
		if err := rs.Scan(&id, &out); err != nil {
			t.Fatal(err)
		}
		stored[id] = out
	}
	rs.Close()
	for id, out := range acked {
		if stored[id] != out {
			t.Errorf("acknowledged entry %d (%q) lost: stored %q", id, out, stored[id])
		}
	}
	t.Logf("%d writers killed (%d while appending), %d entries acknowledged, %d stored, chain intact",
		kills, killedMidWrite, len(acked), n)
}

// readAcks collects the acknowledged entries and closes first on the first.
func readAcks(r io.Reader, first chan struct{}) map[int64]string {
	got := map[int64]string{}
	var once sync.Once
	defer once.Do(func() { close(first) }) // a writer killed before any ack
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		once.Do(func() { close(first) })
		id, out, ok := strings.Cut(sc.Text(), "\t")
		n, err := strconv.ParseInt(id, 10, 64)
		if ok && err == nil {
			got[n] = out
		}
	}
	return got
}

// killed reports whether the writer ended by the test's kill: a signal on
// Unix; on Windows TerminateProcess's exit code 1 with nothing on stderr (a
// writer that fails says why there).
func killed(cmd *exec.Cmd) bool {
	if runtime.GOOS == "windows" {
		return cmd.ProcessState.ExitCode() == 1 && cmd.Stderr.(*strings.Builder).Len() == 0
	}
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled()
}
