package audit

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// grownLog makes a log of n entries whose anchor has the n+2 lines a year
// of use leaves (the magic, the epoch, one A line per entry), as kyukyu
// would have written them, and checks that the pair verifies.
func grownLog(tb testing.TB, n int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), FileName)
	l, err := Open(path, Options{})
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	tx, err := l.db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	af, err := os.OpenFile(l.opt.Anchor, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(af)
	prev := zeroHash
	t0 := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= n; i++ {
		e := Entry{ID: int64(i), Time: t0.Add(time.Duration(i) * time.Minute), Workstation: "er-1", Operator: "dr",
			Mode: WithoutConsent, Patient: "p1:x", Action: Show, Result: OK, Output: "view", Prev: prev}
		r := e.row()
		r.hash = r.sum()
		if _, err := tx.Exec(`INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.id, r.time, r.workstation,
			r.operator, r.mode, r.reason, r.patient, r.insurer, r.action, r.result, r.output, r.prev, r.hash); err != nil {
			tb.Fatal(err)
		}
		fmt.Fprintln(w, headLine('A', head{r.id, r.hash}))
		prev = r.hash
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := af.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	if rep, err := Check(path, l.opt.Anchor); err != nil || rep.Entries != int64(n) {
		tb.Fatalf("the grown log does not verify: %d entries, %v", rep.Entries, err)
	}
	return path
}

// BenchmarkCommandAnchorLength is what an audited command pays for the log
// (open, one append, close) with an anchor of 200,000 lines and one of 10,
// taken in turn in the same run: the ratio should stay near 1, as the
// command must not read the anchor's length.
func BenchmarkCommandAnchorLength(b *testing.B) {
	long, short := grownLog(b, 200_000), grownLog(b, 8)
	e := Entry{Mode: WithoutConsent, Patient: "p1:x", Action: Show, Operator: "dr", Output: "view"}
	command := func(path string) time.Duration {
		t := time.Now()
		l, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := l.Append(e); err != nil {
			b.Fatal(err)
		}
		if err := l.Close(); err != nil {
			b.Fatal(err)
		}
		return time.Since(t)
	}
	var tl, ts []time.Duration
	for b.Loop() {
		tl = append(tl, command(long))
		ts = append(ts, command(short))
	}
	ml, ms := median(tl), median(ts)
	b.ReportMetric(float64(ml)/float64(time.Millisecond), "long-ms")
	b.ReportMetric(float64(ms)/float64(time.Millisecond), "short-ms")
	b.ReportMetric(float64(ml)/float64(ms), "ratio")
}

func median(d []time.Duration) time.Duration {
	s := append([]time.Duration(nil), d...)
	slices.Sort(s)
	return s[len(s)/2]
}
