package web

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"kyukyu/audit"
	"kyukyu/audit/review"
	"kyukyu/audit/review/reviewtest"
	"kyukyu/summary"
)

// memory is a Source of entries written by hand.
type memory struct {
	es     []audit.CentralEntry
	chains []audit.Chain
	err    error
}

func (m memory) Entries(_ context.Context, from, to summary.Date) ([]audit.CentralEntry, error) {
	var out []audit.CentralEntry
	for _, e := range m.es {
		if d := summary.DateOf(e.Time); !d.Before(from) && !to.Before(d) {
			out = append(out, e)
		}
	}
	return out, m.err
}

func (m memory) Around(_ context.Context, logID string, id, n int64) ([]audit.CentralEntry, error) {
	var out []audit.CentralEntry
	for _, e := range m.es {
		if e.LogID == logID && e.ID >= id-n && e.ID <= id+n {
			out = append(out, e)
		}
	}
	return out, m.err
}

func (m memory) Chains(context.Context) ([]audit.Chain, error) { return m.chains, m.err }

func at(day, hour int) time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, summary.Tokyo) }

func entry(log string, id int64, t time.Time, ws, op, why, patient string, res audit.Result) audit.CentralEntry {
	return audit.CentralEntry{LogID: log, Received: t.Add(time.Second), Entry: audit.Entry{ID: id, Time: t,
		Workstation: ws, Operator: op, Mode: audit.WithoutConsent, Reason: why, Patient: patient, Action: audit.Show, Result: res}}
}

func testHandler() *Handler {
	src := memory{es: []audit.CentralEntry{
		entry("a", 1, at(2, 3), "ER-1", "sato", "unconscious", "p1:aaaa", audit.OK),
		entry("a", 2, at(2, 4), "ER-1", "sato", "other:<script>alert(1)</script>", "p1:bbbb", audit.Denied),
		entry("b", 1, at(3, 5), "ER-2", "ito", "urgent-decision", "p1:cccc", audit.OK),
	}}
	h := New(src, review.Defaults)
	h.Now = func() time.Time { return at(20, 12) }
	return h
}

func get(t testing.TB, h http.Handler, target string) (int, string, http.Header) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
	b, _ := io.ReadAll(w.Result().Body)
	return w.Code, string(b), w.Result().Header
}

func TestPage(t *testing.T) {
	h := testHandler()
	code, body, hd := get(t, h, "/")
	if code != 200 {
		t.Fatalf("GET / = %d: %s", code, body)
	}
	for _, want := range []string{"2026-11-01", "2026-11-20", "ER-1", "ER-2", "p1:cccc", "権限なし・拒否", "理由「その他」",
		`/chain?log=a&amp;id=2&amp;`, "&lt;script&gt;", `id="emergency-count">3<`} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script>") {
		t.Error("the reason's text reached the page unescaped")
	}
	if csp := hd.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || hd.Get("Cache-Control") != "no-store" {
		t.Errorf("headers = %v", hd)
	}
	_, en, _ := get(t, h, "/?lang=en&result=denied")
	for _, want := range []string{`lang="en"`, "Emergency views without consent", `id="emergency-count">1<`, "p1:bbbb"} {
		if !strings.Contains(en, want) {
			t.Errorf("the English page filtered on denied lacks %q", want)
		}
	}
	if strings.Contains(en, "p1:cccc</td>") {
		t.Error("the filter on denied kept an ok view")
	}
}

func TestCSVAndChain(t *testing.T) {
	h := testHandler()
	code, body, hd := get(t, h, "/views.csv?ws=ER-1&from=2026-11-01&to=2026-11-30")
	if code != 200 || !strings.HasPrefix(hd.Get("Content-Type"), "text/csv") {
		t.Fatalf("CSV = %d %v", code, hd)
	}
	if lines := strings.Split(strings.TrimSpace(body), "\r\n"); len(lines) != 3 || !strings.Contains(body, "p1:bbbb") || strings.Contains(body, "p1:cccc") {
		t.Errorf("CSV of ER-1 = %q; want a header and 2 rows", body)
	}
	code, body, _ = get(t, h, "/chain?log=a&id=1&lang=en")
	if code != 200 || !strings.Contains(body, "p1:aaaa") || !strings.Contains(body, "p1:bbbb") || strings.Contains(body, "p1:cccc") {
		t.Errorf("chain a around 1 = %d %s", code, body)
	}
}

func TestBadRequests(t *testing.T) {
	h := testHandler()
	if code, body, _ := get(t, h, "/?from=2026-13-01"); code != 400 || !strings.Contains(body, "from:") {
		t.Errorf("bad date = %d %s", code, body)
	}
	if code, body, _ := get(t, h, "/?from=2026-11-10&to=2026-11-01"); code != 400 || !strings.Contains(body, "before it starts") {
		t.Errorf("reversed period = %d %s", code, body)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("POST", "/", strings.NewReader("x=1")))
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST = %d; want 405", w.Code)
	}
	broken := New(memory{err: errors.New("audit: cannot connect to the central log at db:5432: refused")}, review.Defaults)
	if code, body, _ := get(t, broken, "/"); code != 502 || !strings.Contains(body, "cannot connect") {
		t.Errorf("server away = %d %s", code, body)
	}
}

func TestAccess(t *testing.T) {
	for _, c := range []struct {
		addr string
		a    Access
		ok   bool
	}{
		{"127.0.0.1:8470", Access{}, true},
		{"localhost:8470", Access{}, true},
		{"[::1]:8470", Access{}, true},
		{"0.0.0.0:8470", Access{}, false},
		{":8470", Access{}, false},
		{"10.0.0.5:8470", Access{Password: "pw"}, false},
		{"10.0.0.5:8470", Access{CertFile: "c", KeyFile: "k"}, false},
		{"10.0.0.5:8470", Access{CertFile: "c", KeyFile: "k", Password: "pw"}, true},
	} {
		if err := c.a.Check(c.addr); (err == nil) != c.ok {
			t.Errorf("Check(%s, %+v) = %v; want ok %v", c.addr, c.a, err, c.ok)
		}
	}
	g := Access{Password: "s3cret"}.guard(testHandler())
	if code, _, hd := get(t, g, "/"); code != 401 || hd.Get("WWW-Authenticate") == "" {
		t.Errorf("no password = %d", code)
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.SetBasicAuth("officer", "s3cret")
	w := httptest.NewRecorder()
	g.ServeHTTP(w, r)
	if w.Code != 200 {
		t.Errorf("with the password = %d", w.Code)
	}
}

// BenchmarkRender: the page of a month of a 30-workstation hospital from
// memory (the database's part is BenchmarkPageOfAYear's).
func BenchmarkRender(b *testing.B) {
	end := time.Date(2026, 12, 1, 0, 0, 0, 0, summary.Tokyo)
	all, chains := reviewtest.YearOf(30, 500_000, end)
	var es []audit.CentralEntry // the month alone, as the server would hold it
	for _, e := range all {
		if e.Time.Month() == time.November {
			es = append(es, e)
		}
	}
	all = nil
	runtime.GC()
	h := New(memory{es: es, chains: chains}, review.Defaults)
	h.Now = func() time.Time { return end.Add(-time.Hour) }
	b.ResetTimer()
	for b.Loop() {
		if code, body, _ := get(b, h, "/"); code != 200 {
			b.Fatal(body)
		}
	}
}

// The emergency list comes in pages of 200, with links between them.
func TestListPages(t *testing.T) {
	var es []audit.CentralEntry
	for i := range 450 {
		es = append(es, entry("a", int64(i+1), at(2, 0).Add(time.Duration(i)*time.Minute), "ER-1", "sato", "unconscious", fmt.Sprintf("p1:%04d", i), audit.OK))
	}
	h := New(memory{es: es}, review.Defaults)
	h.Now = func() time.Time { return at(20, 12) }
	_, first, _ := get(t, h, "/")
	if !strings.Contains(first, "1–200 件目（全 450 件）") || !strings.Contains(first, "page=1") || strings.Contains(first, "p1:0200<") {
		t.Errorf("page 1 of the list is wrong")
	}
	_, last, _ := get(t, h, "/?page=2&lang=en")
	if !strings.Contains(last, "401–450 of 450") || !strings.Contains(last, "p1:0449<") || strings.Contains(last, "p1:0399<") ||
		strings.Contains(last, "page=3") || !strings.Contains(last, "page=1") {
		t.Errorf("page 3 of the list is wrong")
	}
	if code, _, _ := get(t, h, "/?page=-1"); code != 400 {
		t.Errorf("page -1 = %d; want 400", code)
	}
}

// Beyond loopback with TLS and a password: the page is served over TLS and
// asks for the password.
func TestServeTLSWithPassword(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool := selfSigned(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	addrs := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, "0.0.0.0:0", testHandler(), Access{CertFile: certFile, KeyFile: keyFile, Password: "s3cret"},
			func(a net.Addr) { addrs <- a })
	}()
	var addr net.Addr
	select {
	case addr = <-addrs:
	case err := <-done:
		t.Fatalf("Serve: %v", err)
	}
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	url := fmt.Sprintf("https://127.0.0.1:%d/", addr.(*net.TCPAddr).Port)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}, Timeout: 10 * time.Second}
	r, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != 401 {
		t.Errorf("without the password: %d; want 401", r.StatusCode)
	}
	req, _ := http.NewRequest("GET", url, nil)
	req.SetBasicAuth("officer", "s3cret")
	if r, err = client.Do(req); err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if r.StatusCode != 200 || !strings.Contains(string(body), "ER-2") {
		t.Errorf("with the password: %d", r.StatusCode)
	}
	if r, err := http.Get(strings.Replace(url, "https", "http", 1)); err == nil && r.StatusCode == 200 {
		t.Error("plain HTTP was served the page")
	}
}

// selfSigned writes a certificate for 127.0.0.1 and its key, and returns
// them with a pool that trusts it.
func selfSigned(t *testing.T, dir string) (string, string, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "audit review test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// A kind with many flags shows the first 50 and says how many more.
func TestManyFlagsCut(t *testing.T) {
	var es []audit.CentralEntry
	for i := range 60 {
		es = append(es, entry("a", int64(i+1), at(2, 0).Add(time.Duration(i)*time.Minute), "ER-1", "sato", fmt.Sprintf("other:理由%d", i), "p1:aaaa", audit.OK))
	}
	h := New(memory{es: es}, review.Defaults)
	h.Now = func() time.Time { return at(20, 12) }
	_, body, _ := get(t, h, "/")
	if n := strings.Count(body, `<div class="flag">`); n != 50 || !strings.Contains(body, "ほか 10 件") || !strings.Contains(body, `<span class="count">60</span>`) {
		t.Errorf("%d flags shown; want 50, 10 more, 60 in all", n)
	}
}
