package audit

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// reportLatencies adds p50 and p99 in milliseconds.
func reportLatencies(b *testing.B, d []time.Duration) {
	slices.Sort(d)
	ms := func(q float64) float64 { return float64(d[int(q*float64(len(d)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
}

// BenchmarkSQLiteAlone is the floor: the same table, the same durability
// (WAL, synchronous=FULL, one transaction per row), no chain, no anchor.
func BenchmarkSQLiteAlone(b *testing.B) {
	db, err := sql.Open("sqlite3", filepath.Join(b.TempDir(), "plain.db")+dsnParams)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for _, s := range schema[:2] {
		if _, err := db.Exec(s); err != nil {
			b.Fatal(err)
		}
	}
	lat := make([]time.Duration, 0, b.N)
	for i := 0; b.Loop(); i++ {
		t := time.Now()
		if _, err := db.Exec(`INSERT INTO entries VALUES (?, '2026-11-25T23:00:00.000000000+09:00', 'ws', 'dr', 'emergency-without-consent', '', 'p1:x', '', 'show', 'ok', 'view', x'00', x'01')`, i+1); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	reportLatencies(b, lat)
}

// BenchmarkAppend is the local append as a view pays it: chain, anchor
// line synced before the commit, writers' lock.
func BenchmarkAppend(b *testing.B) {
	l, err := Open(filepath.Join(b.TempDir(), FileName), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	e := Entry{Mode: WithoutConsent, Patient: "p1:x", Action: Show, Operator: "dr", Output: "view"}
	lat := make([]time.Duration, 0, b.N)
	for b.Loop() {
		t := time.Now()
		if _, err := l.Append(e); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	reportLatencies(b, lat)
}

// BenchmarkAppendForwarded appends with the forwarder running against a
// private PostgreSQL, then reports how fast entries reached it.
func BenchmarkAppendForwarded(b *testing.B) {
	srv := centralB(b)
	l, err := Open(filepath.Join(b.TempDir(), FileName), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	f, err := l.Forward(srv)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	e := Entry{Mode: WithoutConsent, Patient: "p1:x", Action: Show, Operator: "dr", Output: "view"}
	lat := make([]time.Duration, 0, b.N)
	start := time.Now()
	for b.Loop() {
		t := time.Now()
		if _, err := l.Append(e); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if n, err := f.Sync(ctx); n != 0 || err != nil {
		b.Fatalf("sync: %d, %v", n, err)
	}
	reportLatencies(b, lat)
	b.ReportMetric(float64(len(lat))/time.Since(start).Seconds(), "forwarded/s")
}

// BenchmarkForwardBacklog measures forwarding alone: b.N entries written
// while the server was away, sent when it is back.
func BenchmarkForwardBacklog(b *testing.B) {
	url := centralB(b)
	l, err := Open(filepath.Join(b.TempDir(), FileName), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	for i := range b.N {
		if _, err := l.Append(Entry{Mode: WithoutConsent, Patient: "p1:x", Action: Show, Operator: "dr", Output: fmt.Sprint(i)}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	t := time.Now()
	f, err := l.Forward(url)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if n, err := f.Sync(context.Background()); n != 0 || err != nil {
		b.Fatalf("sync: %d, %v", n, err)
	}
	b.ReportMetric(float64(b.N)/time.Since(t).Seconds(), "forwarded/s")
}
