//go:build e2e && unix

package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"kyukyu/audit"
	"kyukyu/audit/review"
	"kyukyu/audit/review/reviewtest"
	"kyukyu/summary"
)

// aYear is the page over the central log of a 30-workstation hospital's
// year (500,000 entries in PostgreSQL), read as the auditor through the
// real server, and the peers it is measured against.
type aYear struct {
	h     *reviewtest.Hospital
	url   string // the page's server
	today summary.Date
}

func newYear(tb testing.TB) *aYear {
	h := reviewtest.NewHospital(tb)
	end := time.Now()
	start := time.Now()
	rebuilt := h.Year(tb, 30, 500_000, end)
	tb.Logf("500,000 entries of 30 workstations loaded in %s, of which the kept counts rebuilt from them in %s",
		time.Since(start).Round(time.Millisecond), rebuilt.Round(time.Millisecond))
	src := audit.NewCentralReader(h.AuditorURL)
	tb.Cleanup(src.Close)
	handler := New(src, review.Defaults)
	handler.Now = func() time.Time { return end }
	srv := httptest.NewServer(handler)
	tb.Cleanup(srv.Close)
	return &aYear{h: h, url: srv.URL, today: summary.DateOf(end)}
}

// pages are the periods asked: the default (this month so far), the last
// 31 days, the whole year, one workstation's month and year (a filter:
// the list's count is PostgreSQL's count of the year's entries).
func (y *aYear) pages() []struct{ name, query string } {
	return []struct{ name, query string }{
		{"month-so-far", ""},
		{"31-days", "?from=" + y.today.AddDays(-30).String() + "&to=" + y.today.String()},
		{"year", y.yearQuery()},
		{"month-one-workstation", "?ws=ST-07"},
		{"year-one-workstation", y.yearQuery() + "&ws=ST-07"},
	}
}

func (y *aYear) yearQuery() string {
	return "?from=" + y.today.AddDays(-365).String() + "&to=" + y.today.String()
}

// get loads the page at query as a browser does and returns its HTML and
// how long it took.
func (y *aYear) get(tb testing.TB, query string) (string, time.Duration) {
	t := time.Now()
	r, err := http.Get(y.url + "/" + query)
	if err != nil {
		tb.Fatal(err)
	}
	body, _ := io.ReadAll(r.Body)
	r.Body.Close()
	took := time.Since(t)
	if r.StatusCode != 200 || !strings.Contains(string(body), "ST-30") {
		tb.Fatalf("GET %s = %d: %.300s", query, r.StatusCode, body)
	}
	return string(body), took
}

// countAll is the peer: PostgreSQL counting every entry of the year, as
// the auditor, on a connection of its own.
func (y *aYear) countAll(tb testing.TB) (int, time.Duration) {
	ctx := context.Background()
	c, err := pgx.Connect(ctx, y.h.AuditorURL)
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close(ctx)
	t := time.Now()
	var n int
	if err := c.QueryRow(ctx, `SELECT count(*) FROM kyukyu_audit_entries`).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n, time.Since(t)
}

// BenchmarkPageOfAYear: each page of aYear, through HTTP.
//
//	go test -tags e2e -run '^$' -bench PageOfAYear -benchtime 5x ./audit/review/web/
func BenchmarkPageOfAYear(b *testing.B) {
	y := newYear(b)
	for _, c := range y.pages() {
		b.Run(c.name, func(b *testing.B) {
			var worst time.Duration
			cpu := cpuTime()
			for b.Loop() {
				_, took := y.get(b, c.query)
				worst = max(worst, took)
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/page")
			b.ReportMetric(float64(worst.Milliseconds()), "ms/worst")
			// The machine is shared: what kyukyu itself spent, PostgreSQL aside.
			b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "kyukyu-cpu-ms/page")
		})
	}
	b.Run("peer-select-count", func(b *testing.B) {
		for b.Loop() {
			y.countAll(b)
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/query")
	})
}

var groundTotal = regexp.MustCompile(`<tr class="total"><th scope="row">[^<]*</th><td class="n">(\d+)</td>`)

// The year's page answers under a second over 500,000 entries, and counts
// them all: the views it shows are the views PostgreSQL counts.
func TestReviewYearUnderASecond(t *testing.T) {
	y := newYear(t)
	loadavg, _ := os.ReadFile("/proc/loadavg")
	var years, months, counts []time.Duration
	var page string
	for range 5 {
		var took time.Duration
		page, took = y.get(t, y.yearQuery())
		years = append(years, took)
		_, took = y.get(t, "")
		months = append(months, took)
		_, took = y.countAll(t)
		counts = append(counts, took)
	}
	med := func(ds []time.Duration) time.Duration {
		ds = slices.Clone(ds)
		slices.Sort(ds)
		return ds[len(ds)/2].Round(time.Millisecond)
	}
	t.Logf("median of 5 (load %s): the year's page %s (worst %s); peers: this month's page %s, SELECT count(*) of the 500,000 entries %s",
		strings.Join(strings.Fields(string(loadavg))[:3], " "), med(years), slices.Max(years).Round(time.Millisecond), med(months), med(counts))

	ctx := context.Background()
	c, err := pgx.Connect(ctx, y.h.AuditorURL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var views int
	from, to := y.today.AddDays(-365), y.today.AddDays(1)
	if err := c.QueryRow(ctx, `SELECT count(*) FROM kyukyu_audit_entries WHERE time >= $1 AND time < $2 AND action IN ('show', 'print', 'export')`,
		from.String(), to.String()).Scan(&views); err != nil {
		t.Fatal(err)
	}
	m := groundTotal.FindStringSubmatch(page)
	if m == nil || m[1] != strconv.Itoa(views) {
		t.Errorf("the year's page counts %v views; PostgreSQL counts %d", m, views)
	}
	if med(years) >= time.Second {
		t.Errorf("the year's page took %s (median of 5); want under 1 s", med(years))
	}
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
