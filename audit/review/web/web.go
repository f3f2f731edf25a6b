// Package web serves the review of the central log as a read-only page for
// the security officer: net/http and html/template, forms that work
// without JavaScript, Japanese and English. It reads the central log only
// through review.Source, as the auditor role.
package web

import (
	"bytes"
	"context"
	"crypto/subtle"
	"crypto/tls"
	"crypto/x509"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"kyukyu/audit"
	"kyukyu/audit/reason"
	"kyukyu/audit/review"
	"kyukyu/fonts"
	"kyukyu/summary"
)

//go:embed page.html
var files embed.FS

// Handler serves the page from src.
type Handler struct {
	Src      review.Source
	Settings review.Settings
	Now      func() time.Time // today's date for the default period; time.Now when nil
	tmpl     *template.Template
}

// New returns the page's handler.
func New(src review.Source, s review.Settings) *Handler {
	h := &Handler{Src: src, Settings: s}
	h.tmpl = template.Must(template.New("page.html").Funcs(template.FuncMap{
		"time":     review.Time,
		"grounds":  func() []audit.Mode { return review.Grounds },
		"operator": review.Operator,
		"station":  review.Station,
		"rows": func(d pageData, es []audit.CentralEntry, limit int) rowsData {
			return rowsData{D: d, Shown: es[:min(len(es), limit)], More: max(0, len(es)-limit)}
		},
		"flagRows": func(d pageData, f review.Flag, limit int) rowsData {
			return rowsData{D: d, Shown: f.Rows[:min(len(f.Rows), limit)], More: max(0, f.Entries()-limit)}
		},
		"counts": func(d pageData, id, caption, head string, cs []review.Count) countsData {
			return countsData{d, id, caption, head, cs}
		},
		"hourBar": func(n, max int) int {
			if max == 0 {
				return 0
			}
			return n * 100 / max
		},
	}).ParseFS(files, "page.html"))
	return h
}

// ServeHTTP answers GET only: the page (/), the filtered list as CSV
// (/views.csv) and a chain around an entry (/chain).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	// The page holds patient references: never cached, never framed, no
	// script at all.
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; form-action 'self'; frame-ancestors 'none'")
	hd.Set("Referrer-Policy", "no-referrer")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "read-only", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/":
		h.page(w, r)
	case "/views.csv":
		h.csv(w, r)
	case "/chain":
		h.chain(w, r)
	case "/font/regular.ttf", "/font/bold.ttf":
		// The embedded BIZ UDGothic: the page reads the same on a browser
		// without Japanese fonts. It holds no patient data: cached.
		b := fonts.Regular
		if strings.HasSuffix(r.URL.Path, "bold.ttf") {
			b = fonts.Bold
		}
		hd.Set("Cache-Control", "public, max-age=86400")
		hd.Set("Content-Type", "font/ttf")
		w.Write(b)
	default:
		http.NotFound(w, r)
	}
}

// query is what the page's form asks: the period, the filter, the language.
type query struct {
	From, To summary.Date
	Filter   review.Filter
	Lang     string
	Page     int // of the emergency list, from 0
}

func (h *Handler) parse(r *http.Request) (query, error) {
	v := r.URL.Query()
	now := time.Now
	if h.Now != nil {
		now = h.Now
	}
	today := summary.DateOf(now())
	q := query{From: today.MonthOf().First(), To: today, Lang: review.Langs[0]}
	if l := v.Get("lang"); slices.Contains(review.Langs, l) {
		q.Lang = l
	}
	var err error
	if s := v.Get("from"); s != "" {
		if q.From, err = summary.ParseDate(s); err != nil {
			return q, fmt.Errorf("from: %w", err)
		}
	}
	if s := v.Get("to"); s != "" {
		if q.To, err = summary.ParseDate(s); err != nil {
			return q, fmt.Errorf("to: %w", err)
		}
	}
	if q.To.Before(q.From) {
		return q, fmt.Errorf("the period ends (%s) before it starts (%s)", q.To, q.From)
	}
	if p := v.Get("page"); p != "" {
		if q.Page, err = strconv.Atoi(p); err != nil || q.Page < 0 {
			return q, fmt.Errorf("page: %q is not a page number", p)
		}
	}
	q.Filter = review.Filter{Workstation: v.Get("ws"), Operator: v.Get("op"), Reason: reason.Key(v.Get("reason")),
		Result: audit.Result(v.Get("result"))}
	return q, nil
}

// values is q as a query string in a language, on its page of the list.
func (q query) values(lang string) template.URL {
	v := url.Values{}
	if q.Page > 0 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	v.Set("from", q.From.String())
	v.Set("to", q.To.String())
	for k, s := range map[string]string{"ws": q.Filter.Workstation, "op": q.Filter.Operator,
		"reason": string(q.Filter.Reason), "result": string(q.Filter.Result)} {
		if s != "" {
			v.Set(k, s)
		}
	}
	v.Set("lang", lang)
	return template.URL(v.Encode())
}

// pageData is what page.html shows.
type pageData struct {
	review.Words
	*review.Review
	Q         query
	Query     template.URL // this page's query
	Other     template.URL // the same in the other language
	OtherLang string
	MaxHour   int
	Flags     []flagGroup
	List      listPage
	Error     string
}

// pageSize is how many emergency views one page of the list shows; the
// filters narrow it and the CSV has them all.
const pageSize = 200

// listPage is one page of the emergency list.
type listPage struct {
	Rows            []audit.CentralEntry
	First, Last, Of int
	Prev, Next      template.URL
}

func (q query) list(r *review.Review) listPage {
	l := listPage{Rows: r.Emergency, First: r.EmergencyFirst + 1, Last: r.EmergencyFirst + len(r.Emergency), Of: r.EmergencyCount}
	if q.Page > 0 {
		p := q
		p.Page--
		l.Prev = p.values(q.Lang)
	}
	if l.Last < l.Of {
		n := q
		n.Page++
		l.Next = n.values(q.Lang)
	}
	return l
}

// flagGroup is the flags of one kind: Count in all, the first
// flagsShown of them shown.
type flagGroup struct {
	Kind  review.Kind
	Count int
	Flags []review.Flag
	More  int
}

// flagsShown bounds the flags of one kind on the page (a year of a busy ER
// may have thousands of reasons "other"); the report prints them all.
const flagsShown = 50

// rowsData is a table of entries, cut to a limit.
type rowsData struct {
	D     pageData
	Shown []audit.CentralEntry
	More  int
}

// countsData is a table of counts by name.
type countsData struct {
	D                 pageData
	ID, Caption, Head string
	Counts            []review.Count
}

func (h *Handler) page(w http.ResponseWriter, r *http.Request) {
	q, err := h.parse(r)
	words := review.Words{Lang: q.Lang}
	d := pageData{Words: words, Q: q}
	if err != nil {
		d.Error = err.Error()
		h.render(w, http.StatusBadRequest, "page.html", d)
		return
	}
	rv, err := review.Load(r.Context(), h.Src, q.From, q.To, h.Settings, q.Filter, review.List{Offset: q.Page * pageSize, Limit: pageSize})
	if err != nil {
		log.Printf("review: %v", err)
		d.Error = err.Error()
		h.render(w, http.StatusBadGateway, "page.html", d)
		return
	}
	d.Review = rv
	d.Query = q.values(q.Lang)
	d.OtherLang = review.Langs[0]
	if q.Lang == review.Langs[0] {
		d.OtherLang = review.Langs[1]
	}
	d.Other = q.values(d.OtherLang)
	d.List = q.list(rv)
	for _, n := range rv.Hours {
		d.MaxHour = max(d.MaxHour, n)
	}
	for _, f := range rv.Flags {
		if n := len(d.Flags); n == 0 || d.Flags[n-1].Kind != f.Kind {
			d.Flags = append(d.Flags, flagGroup{Kind: f.Kind})
		}
		g := &d.Flags[len(d.Flags)-1]
		if g.Count++; len(g.Flags) < flagsShown {
			g.Flags = append(g.Flags, f)
		} else {
			g.More++
		}
	}
	h.render(w, http.StatusOK, "page.html", d)
}

func (h *Handler) render(w http.ResponseWriter, status int, name string, data any) {
	var b bytes.Buffer
	if err := h.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		log.Printf("review: page: %v", err)
		http.Error(w, "review: the page could not be made", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

func (h *Handler) csv(w http.ResponseWriter, r *http.Request) {
	q, err := h.parse(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	rv, err := review.Load(r.Context(), h.Src, q.From, q.To, h.Settings, q.Filter, review.All)
	if err != nil {
		log.Printf("review: %v", err)
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	var b bytes.Buffer
	if err := audit.CentralCSV(&b, rv.Emergency); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="kyukyu-emergency-views-%s-%s.csv"`, q.From, q.To))
	w.Write(b.Bytes())
}

// around is how many entries before and after the chain page shows.
const around = 10

// chainData is what the chain part of page.html shows.
type chainData struct {
	review.Words
	LogID   string
	ID      int64
	Entries []audit.CentralEntry
	Back    template.URL
	Error   string
}

func (h *Handler) chain(w http.ResponseWriter, r *http.Request) {
	q, _ := h.parse(r) // the period only leads back to the page
	v := r.URL.Query()
	d := chainData{Words: review.Words{Lang: q.Lang}, LogID: v.Get("log"), Back: q.values(q.Lang)}
	id, err := strconv.ParseInt(v.Get("id"), 10, 64)
	if err != nil || d.LogID == "" {
		d.Error = "chain: give log=LOGID and id=N"
		h.render(w, http.StatusBadRequest, "chain", d)
		return
	}
	d.ID = id
	if d.Entries, err = h.Src.Around(r.Context(), d.LogID, id, around); err != nil {
		log.Printf("review: %v", err)
		d.Error = err.Error()
		h.render(w, http.StatusBadGateway, "chain", d)
		return
	}
	h.render(w, http.StatusOK, "chain", d)
}

// Access is who may open the page beyond this machine.
type Access struct {
	CertFile, KeyFile string         // TLS
	Password          string         // HTTP basic authentication, any user name; "" for none
	ClientCAs         *x509.CertPool // client certificates signed by these; nil for none
}

// ErrExposed: a listener beyond loopback without TLS and an access check.
var ErrExposed = errors.New("review: listening beyond this machine needs -tls-cert and -tls-key, and -password-file or -client-ca; refusing to start")

// Loopback reports whether addr (host:port) listens on this machine only.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Check refuses an address beyond loopback unless TLS and an access check
// are set.
func (a Access) Check(addr string) error {
	if Loopback(addr) {
		return nil
	}
	if a.CertFile == "" || a.KeyFile == "" || (a.Password == "" && a.ClientCAs == nil) {
		return ErrExposed
	}
	return nil
}

// guard asks for the password when one is set.
func (a Access) guard(next http.Handler) http.Handler {
	if a.Password == "" {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pw, ok := r.BasicAuth()
		if !ok || subtle.ConstantTimeCompare([]byte(pw), []byte(a.Password)) != 1 {
			w.Header().Set("WWW-Authenticate", `Basic realm="kyukyu audit review", charset="UTF-8"`)
			http.Error(w, "password required", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Serve serves h on addr until ctx ends; ready, when not nil, gets the
// address listened on.
func Serve(ctx context.Context, addr string, h http.Handler, a Access, ready func(net.Addr)) error {
	if err := a.Check(addr); err != nil {
		return err
	}
	srv := &http.Server{Handler: a.guard(h), ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: log.New(os.Stderr, "kyukyu audit serve: ", 0)}
	if a.CertFile != "" {
		cert, err := tls.LoadX509KeyPair(a.CertFile, a.KeyFile)
		if err != nil {
			return fmt.Errorf("review: the TLS certificate or key cannot be used: %w", err)
		}
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		if a.ClientCAs != nil {
			srv.TLSConfig.ClientCAs = a.ClientCAs
			srv.TLSConfig.ClientAuth = tls.RequireAndVerifyClientCert
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("review: cannot listen on %s: %w", addr, err)
	}
	if srv.TLSConfig != nil {
		ln = tls.NewListener(ln, srv.TLSConfig)
	}
	if ready != nil {
		ready(ln.Addr())
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
		return nil
	}
}
