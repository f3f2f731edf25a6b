//go:build e2e

package audit

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

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
