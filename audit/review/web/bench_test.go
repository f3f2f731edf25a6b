//go:build e2e && unix

package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"kyukyu/audit"
	"kyukyu/audit/review"
	"kyukyu/audit/review/reviewtest"
	"kyukyu/summary"
)

// BenchmarkPageOfAYear: the page over the central log of a 30-workstation
// hospital's year (500,000 entries in PostgreSQL), read as the auditor
// through HTTP as a browser asks it: the default period (this month so
// far), the last 31 days, one workstation's month, and the whole year.
//
//	go test -tags e2e -run '^$' -bench PageOfAYear -benchtime 5x ./audit/review/web/
func BenchmarkPageOfAYear(b *testing.B) {
	h := reviewtest.NewHospital(b)
	end := time.Now()
	start := time.Now()
	h.Year(b, 30, 500_000, end)
	b.Logf("500,000 entries of 30 workstations generated in %s", time.Since(start).Round(time.Millisecond))
	src := audit.NewCentralReader(h.AuditorURL)
	defer src.Close()
	handler := New(src, review.Defaults)
	handler.Now = func() time.Time { return end }
	srv := httptest.NewServer(handler)
	defer srv.Close()
	today := summary.DateOf(end)
	for _, c := range []struct{ name, query string }{
		{"month-so-far", ""},
		{"31-days", "?from=" + today.AddDays(-30).String() + "&to=" + today.String()},
		{"year", "?from=" + today.AddDays(-365).String() + "&to=" + today.String()},
		{"month-one-workstation", "?ws=ST-07"},
	} {
		b.Run(c.name, func(b *testing.B) {
			var worst time.Duration
			cpu := cpuTime()
			for b.Loop() {
				t := time.Now()
				r, err := http.Get(srv.URL + "/" + c.query)
				if err != nil {
					b.Fatal(err)
				}
				body, _ := io.ReadAll(r.Body)
				r.Body.Close()
				if r.StatusCode != 200 || !strings.Contains(string(body), "ST-30") {
					b.Fatalf("GET %s = %d", c.query, r.StatusCode)
				}
				worst = max(worst, time.Since(t))
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/page")
			b.ReportMetric(float64(worst.Milliseconds()), "ms/worst")
			// The machine is shared: what kyukyu itself spent, PostgreSQL aside.
			b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "kyukyu-cpu-ms/page")
		})
	}
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
