//go:build e2e

package cli

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"kyukyu/audit"
	"kyukyu/audit/review/reviewtest"
	"kyukyu/internal/headless"
	"kyukyu/internal/pgtest"
	"kyukyu/internal/testenv"
	"kyukyu/summary"
)

// hospitalDay fills a central log as four workstations would in a day:
//   - ER-1: sato's two emergency views (one denied, one failed, one ok) and
//     yamada (staff S-0101) viewing 6 patients in one shift (threshold 5);
//   - ER-2: 3 entries forwarded, 2 not, then its log deleted (the anchor
//     kept) and a new log begun;
//   - ER-3: its clock set back 3 hours between two views; one view with the
//     reason "other";
//   - WARD-7, not an ER workstation: two views written two days ago and
//     forwarded only now.
//
// Patient 1 is viewed at ER-1, ER-2 (its new log), ER-3 and WARD-7. ER-1,
// ER-3 and ER-2's new log first reach the central log and take the
// hospital's salt, so they write one reference for patient 1; WARD-7
// viewed before it ever reached the central log, under its own salt, so
// its reference matches none.
func hospitalDay(t *testing.T, now time.Time) *reviewtest.Hospital {
	h := reviewtest.NewHospital(t)
	er1 := h.Workstation(t, "ER-1", now.Add(-90*time.Minute))
	er1.Forward(t) // kyukyu started: the hospital's salt, entry 1
	p1 := er1.Patient(1)
	em := audit.WithoutConsent
	er1.View(t, audit.Entry{Operator: "sato", Mode: em, Reason: "unconscious", Patient: p1}, time.Minute)
	er1.View(t, audit.Entry{Operator: "sato", Mode: em, Reason: "urgent-decision", Patient: er1.Patient(2), Result: audit.Denied}, time.Minute)
	er1.View(t, audit.Entry{Operator: "sato", Mode: em, Reason: "urgent-decision", Result: audit.Failed}, time.Minute)
	for i := range 6 {
		er1.View(t, audit.Entry{Operator: "yamada", Staff: "S-0101", Mode: em, Reason: "cannot-understand", Patient: er1.Patient(10 + i)}, 5*time.Minute)
	}
	er1.View(t, audit.Entry{Operator: "yamada", Staff: "S-0101", Mode: audit.WithConsent, Reason: "consented", Patient: er1.Patient(10)}, time.Minute)
	er1.Forward(t)

	er2 := h.Workstation(t, "ER-2", now.Add(-80*time.Minute))
	for range 3 {
		er2.View(t, audit.Entry{Operator: "ito", Mode: audit.Training, Reason: "training-start", Patient: audit.TrainingRef}, time.Minute)
	}
	er2.Forward(t)
	// Two more never forwarded, then the log deleted (its anchor kept).
	for range 2 {
		er2.View(t, audit.Entry{Operator: "ito", Mode: audit.Training, Reason: "training-start", Patient: audit.TrainingRef}, time.Minute)
	}
	er2.Restart(t, true)
	er2.Forward(t) // the new log takes the hospital's salt again
	er2.View(t, audit.Entry{Operator: "ito", Mode: em, Reason: "unconscious", Patient: er2.Patient(1)}, time.Minute)
	er2.Forward(t)

	er3 := h.Workstation(t, "ER-3", now.Add(-20*time.Minute))
	er3.Forward(t)
	er3.View(t, audit.Entry{Operator: "kato", Mode: em, Reason: "unconscious", Patient: p1}, time.Minute)
	er3.Clock = er3.Clock.Add(-3 * time.Hour)
	er3.View(t, audit.Entry{Operator: "kato", Mode: em, Reason: "other:救急隊の依頼で服薬を確認", Patient: er3.Patient(4)}, time.Minute)
	er3.Forward(t)

	ward := h.Workstation(t, "WARD-7", now.Add(-50*time.Hour))
	ward.View(t, audit.Entry{Operator: "mori", Mode: audit.WithConsent, Reason: "consented", Patient: ward.Patient(1)}, time.Minute)
	ward.View(t, audit.Entry{Operator: "mori", Mode: audit.WithConsent, Reason: "consented", Patient: ward.Patient(5)}, time.Minute)
	ward.Clock = now // it reaches the central log today, and switches then
	ward.Forward(t)
	if er2.Patient(1) != p1 || er3.Patient(1) != p1 || ward.Patient(1) != p1 {
		t.Fatal("enrolled workstations give patient 1 different references after taking the hospital's salt")
	}
	return h
}

// serve runs `kyukyu audit serve` until the test ends and returns its base URL.
func serve(t *testing.T, env *Env, args ...string) string {
	t.Helper()
	out := &lockedWriter{}
	env.Stdout, env.Stderr = out, out
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- auditServe(ctx, env, append(args, "-listen", "127.0.0.1:0")) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("audit serve ended with %v", err)
		}
	})
	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if u := re.FindString(out.String()); u != "" {
			return u
		}
		select {
		case err := <-done:
			t.Fatalf("audit serve stopped: %v: %s", err, out)
		default:
		}
	}
	t.Fatalf("audit serve did not say where it listens: %q", out)
	return ""
}

// The review page as the officer sees it in a real browser, over a central
// log four workstations wrote, read as the auditor and nothing more.
func TestAuditServePage(t *testing.T) {
	useHome(t)
	// The day happened some hours ago (each entry reached the server
	// hours late, which forwarding explains and no flag names), never in
	// the first hours of a month: the report's month holds all of it.
	day := time.Now().Add(-5 * time.Hour)
	if j := day.In(summary.Tokyo); j.Day() == 1 && j.Hour() < 4 {
		day = day.Add(-5 * time.Hour)
	}
	h := hospitalDay(t, day)
	today := summary.DateOf(time.Now())
	// One shift that holds all of yamada's views: from 3 hours before.
	shift := fmt.Sprint(day.Add(-3 * time.Hour).In(summary.Tokyo).Hour())
	base := serve(t, &Env{Now: time.Now}, "-url", h.AuditorURL, "-max-patients", "5", "-shifts", shift, "-er", "ER-1,ER-2,ER-3")
	period := fmt.Sprintf("from=%s&to=%s", today.AddDays(-3), today)

	dom := headless.DOM(t, base+"?"+period)
	text := func(id string) string { return headless.Text(t, dom, id) }
	ws := text("by-workstation")
	for _, want := range []string{
		"ER-1 9 1 0 10", // 3 of sato's, 6 of yamada's without consent; yamada's consented view
		"ER-2 要確認 1 0 3 4",
		"ER-3 要確認 2 0 0 2",
		"WARD-7 要確認 0 2 0 2",
	} {
		if !strings.Contains(ws, want) {
			t.Errorf("by workstation: %q lacks %q", ws, want)
		}
	}
	if g := text("by-ground"); !strings.Contains(g, "同意なし救急 12 同意あり 3 訓練 3 合計 18") {
		t.Errorf("by legal ground: %q", g)
	}
	if ops := text("by-operator"); !strings.Contains(ops, "yamada / S-0101 要確認 6 1 0 7") || !strings.Contains(ops, "sato 3 0 0 3") {
		t.Errorf("by operator: %q", ops)
	}
	for id, want := range map[string][]string{
		"flag-chain":     {"ER-2 で新しいログが始まりました", "4 件で終わり", "2 件が中央に届いていません（切り取られた）"},
		"flag-clock":     {"ER-3 の記録時刻", "直前の記録", "戻っています"},
		"flag-gap":       {"WARD-7 の 2 件が、書かれてから1日以上経って"},
		"flag-threshold": {"yamada / S-0101 が", "6 人の患者を閲覧しました（基準 5 人）"},
		"flag-outside":   {"救急外来の端末一覧にない WARD-7 で 2 件の閲覧"},
		"flag-stations":  {"が 3 台の端末から閲覧されました"},
		"flag-other":     {"ER-3 の kato が理由「その他」で閲覧：「救急隊の依頼で服薬を確認」"},
	} {
		got := text(id)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", id, got, w)
			}
		}
	}
	// One patient, one reference at the three workstations that took the
	// hospital's salt; WARD-7's view under its own salt is not among them.
	if st := text("flag-stations"); strings.Contains(st, "WARD-7") || strings.Count(st, "h1:") != 4 { // the flag's, and its three rows
		t.Errorf("the same-patient flag: %q; want ER-1, ER-2 and ER-3's views, one h1: reference", st)
	}
	if refs := text("refs"); !strings.Contains(refs, "病院共通 ER-1（") || !strings.Contains(refs, "WARD-7（") {
		t.Errorf("which references compare: %q", refs)
	}
	if n := text("flag-count"); n != "7" {
		t.Errorf("flags: %s; want 7, one of each kind", n)
	}
	if n := text("emergency-count"); n != "12" {
		t.Errorf("emergency views: %s; want 12", n)
	}
	if list := text("emergency"); !strings.Contains(list, "権限なし・拒否") || !strings.Contains(list, "失敗") {
		t.Errorf("the emergency list does not show the denied and the failed view: %q", list)
	}

	// Filtered on a denied result, in English; the CSV of the same filter.
	en := headless.DOM(t, base+"?"+period+"&result=denied&lang=en")
	if n := headless.Text(t, en, "emergency-count"); n != "1" {
		t.Errorf("denied views: %s; want 1", n)
	}
	if g := headless.Text(t, en, "by-ground"); !strings.Contains(g, "Emergency, no consent 12") {
		t.Errorf("English overview: %q", g)
	}
	csv := httpGet(t, base+"views.csv?"+period+"&result=denied")
	if lines := strings.Split(strings.TrimSpace(csv), "\r\n"); len(lines) != 2 || !strings.Contains(lines[1], "ER-1") || !strings.Contains(lines[1], "sato") {
		t.Errorf("CSV of the denied views = %q", csv)
	}

	// A flag's row leads to its chain: ER-3's entries around the clock jump.
	link := regexp.MustCompile(`href="(/chain\?log=[^"]+)"`).FindAllStringSubmatch(
		dom[strings.Index(dom, `id="flag-clock"`):], 1)
	if len(link) == 0 {
		t.Fatal("the clock flag has no link to its chain")
	}
	chain := headless.DOM(t, base+strings.TrimPrefix(strings.ReplaceAll(link[0][1], "&amp;", "&"), "/"))
	if body := headless.Text(t, chain, ""); !strings.Contains(body, "ER-3") || strings.Count(body, "kato") != 2 {
		t.Errorf("ER-3's chain around the jump: %q", body)
	}

	// The monthly report of the same log, read back with pdftotext.
	pdftotext := testenv.Tool(t, "pdftotext", "poppler-utils")
	month := summary.DateOf(day).MonthOf()
	report := filepath.Join(t.TempDir(), "report.pdf")
	code, stdout, stderr := runHome(t, "audit", "report", "-url", h.AuditorURL, "-month", month.String(), "-o", report,
		"-max-patients", "5", "-shifts", shift, "-er", "ER-1,ER-2,ER-3")
	if code != 0 || !strings.Contains(stdout, "flags") {
		t.Fatalf("audit report: %d %q %q", code, stdout, stderr)
	}
	out, err := exec.Command(pdftotext, "-layout", report, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	paper := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"アクセスログ月次点検報告書 " + month.Japanese(), "ER-2 で新しいログが始まりました", "ER-3 の記録時刻",
		"yamada / S-0101 が", "6 人の患者を閲覧しました（基準 5 人）", "「救急隊の依頼で服薬を確認」", "患者参照：病院共通 ER-1（", "点検者 署名", "点検日"} {
		if !strings.Contains(paper, want) {
			t.Errorf("the report lacks %q:\n%s", want, paper)
		}
	}
	if code, _, stderr := runHome(t, "audit", "report", "-url", h.AuditorURL, "-month", "2026-13", "-o", report); code != 2 || !strings.Contains(stderr, "-month") {
		t.Errorf("a bad month: %d %q", code, stderr)
	}

	png := filepath.Join(t.TempDir(), "review.png")
	headless.Screenshot(t, base+"?"+period, png, 1366, 3000)
	img := testenv.ReadPNG(t, png)
	dark := 0
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y += 4 {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x += 4 {
			if g := color.GrayModel.Convert(img.At(x, y)).(color.Gray); g.Y < 100 {
				dark++
			}
		}
	}
	if dark < 2000 {
		t.Errorf("the screenshot is nearly blank: %d dark samples", dark)
	}
	if out := os.Getenv("KYUKYU_REVIEW_SCREENSHOT"); out != "" {
		b, _ := os.ReadFile(png)
		if err := os.WriteFile(out, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func httpGet(t *testing.T, url string) string {
	t.Helper()
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	if r.StatusCode != 200 {
		t.Fatalf("GET %s = %d: %s", url, r.StatusCode, b)
	}
	return string(b)
}

// Beyond loopback without TLS and an access check the page does not start.
func TestAuditServeRefusesOpenListener(t *testing.T) {
	useHome(t)
	for _, args := range [][]string{
		{"-listen", "0.0.0.0:0"},
		{"-listen", "0.0.0.0:0", "-tls-cert", "c.pem", "-tls-key", "k.pem"},
	} {
		code, _, stderr := runHome(t, append([]string{"audit", "serve", "-url", "postgres://kyukyu_auditor@127.0.0.1:1/x"}, args...)...)
		if code != 2 || !strings.Contains(stderr, "refusing to start") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("serve %v = %d %q; want exit 2 and one line", args, code, stderr)
		}
	}
}

// Two enrolled workstations view the same synthetic patient as clinicians
// do (`kyukyu summary -oqs` without consent): once each has reached the
// central log (IT's `audit sync` after enrolling it), both write one
// reference for the patient, the page flags the patient seen at both, and
// a view written before keeps its own. A workstation that was never
// enrolled keeps its own salt. The auditor cannot read the hospital's
// salt. A backup restored keeps the salt the log uses.
func TestHospitalWideReferences(t *testing.T) {
	srv := pgtest.Start(t)
	useHome(t)
	t.Setenv(audit.URLEnv, "")
	if code, _, stderr := runHome(t, "audit", "central-init", "-url", srv.AdminURL, "-auditor-password", "a-pw"); code != 0 {
		t.Fatal(stderr)
	}
	drug := filepath.Join("..", "testdata", "oqs", "drug.xml")
	// view shows the patient at the workstation whose data folder is home
	// and returns the reference its log wrote.
	view := func(home string, args ...string) string {
		t.Helper()
		t.Setenv("KYUKYU_HOME", home)
		if code, _, stderr := runHome(t, append([]string{"summary", "-oqs", drug}, args...)...); code != 0 {
			t.Fatalf("summary: %s", stderr)
		}
		es := entries(t, home)
		return es[len(es)-1].Patient
	}
	workstation := func(name string) (home, url string) {
		t.Helper()
		code, stdout, stderr := runHome(t, "audit", "central-enroll", "-url", srv.AdminURL, "-workstation", name, "-password", name+"-pw")
		_, line, _ := strings.Cut(stdout, "audit_url = ")
		url, err := strconv.Unquote(strings.TrimSpace(line))
		if code != 0 || err != nil {
			t.Fatalf("central-enroll: %d %q %q", code, stdout, stderr)
		}
		return t.TempDir(), url
	}
	sync := func(home, url string) {
		t.Helper()
		t.Setenv("KYUKYU_HOME", home)
		if code, _, stderr := runHome(t, "audit", "sync", "-audit-url", url); code != 0 {
			t.Fatalf("sync: %s", stderr)
		}
	}
	homeA, urlA := workstation("ER-A")
	homeB, urlB := workstation("ER-B")
	before := view(homeA, "-audit-url", "") // written before ER-A reached the central log
	sync(homeA, urlA)
	sync(homeB, urlB)
	atA, atB := view(homeA, "-audit-url", urlA), view(homeB, "-audit-url", urlB)
	if !strings.HasPrefix(atA, "h1:") || atA != atB || before == atA || !strings.HasPrefix(before, "p1:") {
		t.Fatalf("references: %s before, then %s at ER-A and %s at ER-B; want one h1: reference after both took the hospital's salt", before, atA, atB)
	}
	if es := entries(t, homeA); es[0].Patient != before || es[1].Action != audit.HospitalRefs {
		t.Errorf("ER-A's log: %+v; want the earlier view kept, then the switch", es)
	}
	// Never enrolled: its own salt, another reference for the same patient.
	if other := view(t.TempDir()); !strings.HasPrefix(other, "p1:") || other == before || other == atA {
		t.Errorf("an unenrolled workstation's reference %s; want its own p1:", other)
	}
	sync(homeA, urlA)
	sync(homeB, urlB)
	for _, home := range []string{homeA, homeB} {
		t.Setenv("KYUKYU_HOME", home)
		if code, stdout, stderr := runHome(t, "audit", "verify", "-audit-url", map[string]string{homeA: urlA, homeB: urlB}[home]); code != 0 {
			t.Errorf("verify: %d %q %q", code, stdout, stderr)
		}
	}

	// The officer's page: the patient seen at both workstations.
	auditorURL := srv.URL(audit.AuditorRole, "a-pw")
	base := serve(t, &Env{Now: time.Now}, "-url", auditorURL, "-max-workstations", "2")
	day := summary.DateOf(runAt)
	dom := headless.DOM(t, base+fmt.Sprintf("?from=%s&to=%s", day, day))
	if st := headless.Text(t, dom, "flag-stations"); !strings.Contains(st, "患者 "+atA+" が 2 台の端末から閲覧されました") ||
		!strings.Contains(st, "ER-A") || !strings.Contains(st, "ER-B") {
		t.Errorf("the same-patient flag: %q", st)
	}

	// The auditor may not read the hospital's salt: no reference can be
	// computed from a card or a name with the auditor's credential.
	ctx := context.Background()
	au, err := pgx.Connect(ctx, auditorURL)
	if err != nil {
		t.Fatal(err)
	}
	defer au.Close(ctx)
	for _, q := range []string{`SELECT salt FROM kyukyu_audit_salt`, `SELECT kyukyu_audit_patient_salt()`} {
		var salt []byte
		if err := au.QueryRow(ctx, q).Scan(&salt); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("the auditor: %s = %x, %v; want permission denied", q, salt, err)
		}
	}

	// ER-A's data folder backed up and restored: the log keeps the salt it
	// uses, without asking the central log.
	t.Setenv("KYUKYU_HOME", homeA)
	to := t.TempDir()
	if code, _, stderr := runHome(t, "backup", "-to", to, "-keep", "1"); code != 0 {
		t.Fatal(stderr)
	}
	archives, _ := filepath.Glob(filepath.Join(to, "kyukyu-backup-*.tar.gz"))
	if code, _, stderr := runHome(t, "restore", "-from", archives[0]); code != 0 {
		t.Fatalf("restore: %s", stderr)
	}
	if got := view(homeA, "-audit-url", ""); got != atA {
		t.Errorf("after the restore: %s; want %s", got, atA)
	}
	sync(homeA, urlA)
	if code, stdout, stderr := runHome(t, "audit", "verify", "-audit-url", urlA); code != 0 {
		t.Errorf("verify after the restore: %d %q %q", code, stdout, stderr)
	}
}

// The hospital's ER list kept in the central log (central-init
// -er-workstations): on a machine with no -er and no machine-wide file,
// the page in a real browser and the report flag a view elsewhere and say
// whose list it is; -er still overrides it; neither a workstation's role
// nor the auditor can change it.
func TestCentralERWorkstations(t *testing.T) {
	useHome(t)
	t.Setenv("KYUKYU_CONFIG", "")
	now := time.Now()
	h := reviewtest.NewHospital(t)
	er1 := h.Workstation(t, "ER-1", now.Add(-30*time.Minute))
	er1.View(t, audit.Entry{Operator: "sato", Mode: audit.WithoutConsent, Reason: "unconscious", Patient: er1.Patient(1)}, time.Minute)
	er1.Forward(t)
	ward := h.Workstation(t, "WARD-7", now.Add(-20*time.Minute))
	ward.View(t, audit.Entry{Operator: "mori", Mode: audit.WithConsent, Reason: "consented", Patient: ward.Patient(2)}, time.Minute)
	ward.Forward(t)

	code, _, stderr := runHome(t, "audit", "central-init", "-url", h.Srv.AdminURL, "-er-workstations", "ER-1,病棟 7")
	if code != 2 || !strings.Contains(stderr, "-er-workstations") || !strings.Contains(stderr, "病棟 7") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("a bad workstation name: %d %q; want exit 2 and one line naming it", code, stderr)
	}
	for _, args := range [][]string{{"-er-workstations", "ER-1, ER-2"}, nil} { // again without the flag: the list stays
		if code, _, stderr := runHome(t, append([]string{"audit", "central-init", "-url", h.Srv.AdminURL}, args...)...); code != 0 {
			t.Fatalf("central-init %v: %s", args, stderr)
		}
	}

	today := summary.DateOf(now)
	period := fmt.Sprintf("?from=%s&to=%s", today.AddDays(-1), today)
	dom := headless.DOM(t, serve(t, &Env{Now: time.Now}, "-url", h.AuditorURL)+period)
	if f := headless.Text(t, dom, "flag-outside"); !strings.Contains(f, "救急外来の端末一覧にない WARD-7 で 1 件の閲覧") || strings.Contains(f, "ER-1 ") {
		t.Errorf("views outside the hospital's ER list: %q", f)
	}
	if from := headless.Text(t, dom, "er-from"); !strings.Contains(from, "中央ログにある病院の一覧") {
		t.Errorf("where the ER list came from: %q", from)
	}
	if s := strings.Join(strings.Fields(headless.Text(t, dom, "")), " "); !strings.Contains(s, "救急外来の端末 ER-1, ER-2") {
		t.Errorf("the thresholds do not name the hospital's list: %q", s)
	}
	// -er overrides the central list.
	dom = headless.DOM(t, serve(t, &Env{Now: time.Now}, "-url", h.AuditorURL, "-er", "ER-1,WARD-7")+period+"&lang=en")
	if strings.Contains(dom, `id="flag-outside"`) || !strings.Contains(headless.Text(t, dom, "er-from"), "given with -er") {
		t.Errorf("-er ER-1,WARD-7: the page still flags WARD-7 or does not say the list is -er's:\n%s", headless.Text(t, dom, ""))
	}
	if code, _, stderr := runHome(t, "audit", "report", "-url", h.AuditorURL, "-month", "2026-01", "-o", filepath.Join(t.TempDir(), "r.pdf"), "-er", "ER_1,-x"); code != 2 ||
		!strings.Contains(stderr, "-er") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("-er with a bad name: %d %q; want exit 2 and one line", code, stderr)
	}

	// The monthly report, read back with pdftotext.
	pdftotext := testenv.Tool(t, "pdftotext", "poppler-utils")
	report := filepath.Join(t.TempDir(), "report.pdf")
	month := summary.DateOf(now.Add(-20 * time.Minute)).MonthOf()
	if code, stdout, stderr := runHome(t, "audit", "report", "-url", h.AuditorURL, "-month", month.String(), "-o", report); code != 0 {
		t.Fatalf("audit report: %d %q %q", code, stdout, stderr)
	}
	out, err := exec.Command(pdftotext, "-layout", report, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	paper := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"救急外来の端末一覧にない WARD-7 で 1 件の閲覧", "救急外来の端末一覧：中央ログにある病院の一覧"} {
		if !strings.Contains(paper, want) {
			t.Errorf("the report lacks %q:\n%s", want, paper)
		}
	}

	// A workstation's role and the auditor may not change the list.
	ctx := context.Background()
	wsURL, err := audit.CentralEnroll(ctx, h.Srv.AdminURL, "WARD-9", "ward-9-pw")
	if err != nil {
		t.Fatal(err)
	}
	for who, u := range map[string]string{"WARD-9's role": wsURL, "the auditor": h.AuditorURL} {
		c, err := pgx.Connect(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			`UPDATE kyukyu_audit_settings SET er_workstations = '{WARD-9}'`,
			`INSERT INTO kyukyu_audit_settings (one, shifts, rollup_version, er_workstations) VALUES (true, '{8,20}', 1, '{WARD-9}')
				ON CONFLICT (one) DO UPDATE SET er_workstations = EXCLUDED.er_workstations`,
		} {
			if _, err := c.Exec(ctx, q); err == nil || !strings.Contains(err.Error(), "permission denied") {
				t.Errorf("%s: %.40s = %v; want permission denied", who, q, err)
			}
		}
		c.Close(ctx)
	}
	r := audit.NewCentralReader(h.AuditorURL)
	defer r.Close()
	if er, err := r.ERWorkstations(ctx); err != nil || strings.Join(er, ",") != "ER-1,ER-2" {
		t.Errorf("the central list after the refused writes: %v, %v; want ER-1,ER-2", er, err)
	}
	// -er-workstations "" clears it.
	if code, _, stderr := runHome(t, "audit", "central-init", "-url", h.Srv.AdminURL, "-er-workstations", ""); code != 0 {
		t.Fatal(stderr)
	}
	if er, err := r.ERWorkstations(ctx); err != nil || len(er) != 0 {
		t.Errorf("the central list after clearing: %v, %v; want none", er, err)
	}
}
