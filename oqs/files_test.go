package oqs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"kyukyu/internal/testenv"
)

// A result the connector writes in pieces, pausing longer than Settle, is
// waited for and read whole, never reported as truncated.
func TestHalfWrittenResultIsWaitedFor(t *testing.T) {
	t.Parallel() // mostly waiting on its own folders: alongside the others
	c, s := handClient(t)
	c.s.Settle = 100 * time.Millisecond
	c.rememberFace(hanakoFace(t))
	fakeConnectorWriting(t, s.ReqDir, s.ResDir, answerWith(t, "", nil), func(path string, b []byte) {
		f, err := os.Create(path)
		if err != nil {
			return
		}
		defer f.Close()
		f.Write(b[:len(b)/2])
		time.Sleep(500 * time.Millisecond) // five times Settle
		f.Write(b[len(b)/2:])
	})
	rec, err := lookup(c, hanakoFace(t).Insurance)
	if err != nil {
		t.Fatalf("a file still being written: %v", err)
	}
	if len(rec.Medications) != 1 || len(rec.Checkups) != 1 {
		t.Errorf("record %+v", rec)
	}
}

// A FIFO (or any non-regular file) named as our result is refused at once:
// opening it for reading would block forever.
func TestFIFOResultRefusedAtOnce(t *testing.T) {
	testenv.Mkfifo(t, filepath.Join(t.TempDir(), "probe")) // FIFOs exist on this system
	c, s := handClient(t)
	c.rememberFace(hanakoFace(t))
	fakeConnectorWriting(t, s.ReqDir, s.ResDir, answerWith(t, "", nil), func(path string, _ []byte) {
		testenv.MkfifoAt(path)
	})
	start := time.Now()
	_, err := lookup(c, hanakoFace(t).Insurance)
	var nr *NotRegularError
	if !errors.As(err, &nr) || !strings.Contains(err.Error(), "FIFO") {
		t.Fatalf("got %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	// -oqs FILE too.
	fifo := filepath.Join(t.TempDir(), "YZKsiquc01res_fifo.xml")
	testenv.Mkfifo(t, fifo)
	if _, err := LoadFiles(context.Background(), []string{fifo}); !errors.As(err, &nr) {
		t.Errorf("-oqs FIFO: %v", err)
	}
	dir := t.TempDir()
	if _, err := LoadFiles(context.Background(), []string{dir}); !errors.As(err, &nr) || !strings.Contains(err.Error(), "folder") {
		t.Errorf("-oqs folder: %v", err)
	}
}

// A result that comes after the timeout is removed unread at the next
// poll, with one line for the audit log.
func TestLateResultRemovedWithAuditLine(t *testing.T) {
	t.Parallel() // mostly waiting on its own folders: alongside the others
	c, s := handClient(t)
	c.rememberFace(hanakoFace(t))
	c.s.Timeout = 300 * time.Millisecond
	var mu sync.Mutex
	var late []string
	c.s.Late = func(file string) { mu.Lock(); late = append(late, file); mu.Unlock() }
	fakeConnectorWriting(t, s.ReqDir, s.ResDir, answerWith(t, "", nil), func(path string, b []byte) {
		time.Sleep(600 * time.Millisecond)
		os.WriteFile(path, b, 0o600)
	})
	if _, err := lookup(c, hanakoFace(t).Insurance); err == nil || !strings.Contains(err.Error(), "no answer") {
		t.Fatalf("got %v", err)
	}
	deadline := time.Now().Add(3 * time.Second)
	for {
		if left, _ := os.ReadDir(s.ResDir); len(left) == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the late results never came")
		}
		time.Sleep(20 * time.Millisecond)
	}
	c.sweepLate() // what the next lookup or the face watcher's poll does
	if left, _ := os.ReadDir(s.ResDir); len(left) != 0 {
		t.Errorf("late results left behind: %v", left)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(late) != 2 || !strings.HasPrefix(late[0], "YZKsiquc01res_") && !strings.HasPrefix(late[0], "TKKsiquc01res_") {
		t.Errorf("audit lines %v", late)
	}
}

// 32 MB of empty elements: refused within 2 s and 200 MB; a cancelled
// context (Ctrl+C) stops a long parse.
func TestHugeFileOfEmptyElements(t *testing.T) {
	path := filepath.Join(t.TempDir(), "YZKsiquc01res_huge.xml")
	head := `<?xml version="1.0" encoding="UTF-8"?><XmlMsg><MessageHeader><ResultCode>1</ResultCode></MessageHeader><MessageBody>`
	body := strings.Repeat("<a/>", (MaxFileSize-len(head)-100)/4)
	if err := os.WriteFile(path, []byte(head+body+"</MessageBody></XmlMsg>"), 0o600); err != nil {
		t.Fatal(err)
	}
	body = ""
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := ParseFile(context.Background(), path)
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "more than 500000 elements") {
		t.Errorf("got %v", err)
	}
	if d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 200<<20 {
		t.Errorf("allocated %d MB", alloc>>20)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	small := filepath.Join(t.TempDir(), "YZKsiquc01res_many.xml")
	os.WriteFile(small, []byte(head+strings.Repeat("<a/>", 100_000)+"</MessageBody></XmlMsg>"), 0o600)
	if _, err := ParseFile(ctx, small); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled parse: %v", err)
	}
}
