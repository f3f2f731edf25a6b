package auditreport

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kyukyu/audit"
	"kyukyu/audit/review"
	"kyukyu/internal/testenv"
	"kyukyu/summary"
)

func at(day, hour int) time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, summary.Tokyo) }

// A month of a small ER written by hand: two flags (a clock set back, a
// reason "other") and the rest ordinary.
func month(t *testing.T) *review.Review {
	e := func(log string, id int64, tm time.Time, ws, op, why, patient string) audit.CentralEntry {
		return audit.CentralEntry{LogID: log, Received: tm.Add(time.Second), Entry: audit.Entry{ID: id, Time: tm, Workstation: ws,
			Operator: op, Mode: audit.WithoutConsent, Reason: why, Patient: patient, Action: audit.Show, Result: audit.OK}}
	}
	es := []audit.CentralEntry{
		e("a1b2c3d4e5f6", 1, at(3, 2), "ER-1", "sato", "unconscious", "p1:0123456789abcdef0123456789abcdef"),
		e("a1b2c3d4e5f6", 2, at(3, 1), "ER-1", "sato", "other:家族の依頼により確認", "p1:1123456789abcdef0123456789abcdef"),
		e("ffee", 1, at(9, 14), "ER-2", "ito", "urgent-decision", "p1:2123456789abcdef0123456789abcdef"),
	}
	es[1].Received = at(3, 2).Add(time.Minute)
	return review.Build(summary.NewDate(2026, 11, 1), summary.NewDate(2026, 11, 30), es, nil, review.Defaults, review.Filter{})
}

func TestReportReadsBack(t *testing.T) {
	pdftotext := testenv.Tool(t, "pdftotext", "poppler-utils")
	pdffonts := testenv.Tool(t, "pdffonts", "poppler-utils")
	var b bytes.Buffer
	if err := Render(&b, month(t), summary.Month{Year: 2026, Month: 11}, at(30, 18)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{
		"アクセスログ月次点検報告書 2026年11月",
		"同意なし救急", "ER-1", "ER-2", "sato",
		"要確認事項（2）",
		"ER-1 の記録時刻 2026-11-03 01:00:00 が直前の記録 2026-11-03 02:00:00 より前に戻っています",
		"ER-1 の sato が理由「その他」で閲覧：「家族の依頼により確認」",
		"p1:1123456789abcdef0123456789abcdef",
		"点検者 署名", "点検日", "1 / 1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q:\n%s", want, text)
		}
	}
	fo, err := exec.Command(pdffonts, path).Output()
	if err != nil || !strings.Contains(string(fo), "BIZUDGothic") || strings.Contains(string(fo), " no  ") {
		t.Errorf("fonts not all embedded: %s %v", fo, err)
	}
}
