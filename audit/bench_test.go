package audit

import (
	"database/sql"
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
