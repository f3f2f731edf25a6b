package pdf

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kyukyu/internal/testenv"
	"kyukyu/summary"
	"kyukyu/training/trainingtest"
)

var updatePNG = flag.Bool("update-png", false, "rewrite testdata/*.png, the page images kept for review")

// trainingView loads a training patient from a fresh training store.
func trainingView(t *testing.T, id, on string, mode summary.Mode) *summary.View {
	t.Helper()
	st := trainingtest.Open(t)
	d, err := summary.ParseDate(on)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := st.Record(context.Background(), id, d)
	if err != nil {
		t.Fatal(err)
	}
	return summary.Build(rec, mode, d)
}

// expectLines asserts that each pattern matches a line of text, in order.
func expectLines(t *testing.T, text string, patterns ...string) {
	t.Helper()
	lines := strings.Split(text, "\n")
	i := 0
	for _, p := range patterns {
		re := regexp.MustCompile(p)
		for i < len(lines) && !re.MatchString(lines[i]) {
			i++
		}
		if i == len(lines) {
			t.Errorf("no line matching %q (in order) in:\n%s", p, text)
			return
		}
		i++
	}
}

// TestShinryoTaroGolden prints the seed's sample patient on the sample's
// date and reads it back as laid out: every row of the sample, on one page.
func TestShinryoTaroGolden(t *testing.T) {
	doc := render(t, trainingView(t, "shinryo-taro", "2022-08-26", summary.Emergency))
	ps := pages(t, doc, layoutOrder)
	if len(ps) != 1 {
		t.Fatalf("%d pages, want 1 like the sample", len(ps))
	}
	text := ps[0]
	expectLines(t, text,
		`^救急用 診療／薬剤情報一覧\s+作成日：2022年8月26日\s+1 / 1ページ$`,
		`^氏名カナ\s+シンリョウ タロウ\s+保険者番号\s+12345678$`,
		`^氏名\s+診療 太郎\s+被保険者証等記号\s+1234567$`,
		`^生年月日\s+1962年5月21日\s+被保険者証等番号\s+12345$`,
		`^性別\s+男\s+年齢\s+60歳\s+枝番\s+00$`,
		`^受診歴 ※直近3か月分\(2022年6月～2022年8月まで\)の記録を表示$`,
		`^医療機関名\s+受診歴$`,
		`^資格クリニック\s+22年7月$`,
		`^資格医院\s+22年6月$`,
		`^調剤結果情報 ※直近45日分\(2022年7月13日～2022年8月26日まで\)の記録を表示$`,
		`^調剤年月日\s+処方\s+使用\s+医療機関\s+医薬品名（成分名）\s+調剤数量$`,
		`^22年8月 2日\s+院外\s+\S*\s+テスト薬局（テスト病院）\s+1\. フルティフォーム125エアゾール56吸入用\s+42吸引$`,
		`^レセプトに基づく薬剤実績 ※直近3か月分\(2022年6月～2022年8月まで\)の記録を表示$`,
		`^22年7月19日\s+外来\s+\S*\s+資格クリニック\s+1\. ゲンタマイシン硫酸塩軟膏0\.1%「イワキ」\s+10g 1処方分$`,
		`^22年6月18日\s+院外\s+\S*\s+オンライン薬局（資格医院）\s+2\. ［睡眠薬・抗不安薬］マイスリー錠5mg\s+1錠 14日分$`,
		`^\s+\(ゾルピデム酒石酸塩\)$`,
		`^\s+【1日1回就寝前服用】 1錠$`,
		// Empty sections at the end collapse into one line.
		`^以下の項目は該当なし：手術情報、診療情報、透析情報、健診情報$`,
		`^【注意事項】$`, `^ \*1 `, `^ \*2 抽出元が調剤レセプトの場合に表示しています。$`, `^ \*3 調剤時の使用方法`,
		`^【訓練用】この文書は訓練用の架空の患者のデータです。`,
	)
	// The wrapped ingredient and 用法 of the inhaler, whatever the breaks.
	// and the warning of the dummy insurer number, in alerttext's words.
	for _, s := range []string{"(フルチカゾンプロピオン酸エステル・ホルモテロールフマル酸塩水和物)", "【1日2回朝夕食後・吸入】1吸入", "(ゲンタマイシン硫酸塩)",
		"※届いた保険者番号が検証を通りません（届いたデータのまま表示しています）:保険者番号の8桁目（検証番号）が8ですが、前の桁からは4になるはずです:番号を確かめてください"} {
		if !strings.Contains(squeeze(text), s) {
			t.Errorf("%q missing from the page", s)
		}
	}
	if strings.Contains(text, continued) {
		t.Error("a one-page summary says 次頁へ続く")
	}
	writePNG(t, doc, "shinryo-taro-p1")
}

// writePNG keeps page 1 as an image in testdata for review (-update-png).
func writePNG(t *testing.T, doc []byte, name string) {
	t.Helper()
	if !*updatePNG {
		return
	}
	pdfPath := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(pdfPath, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", pdfPath, filepath.Join("testdata", name)).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
}

// TestHeavyPatientPages prints five years of polypharmacy: many pages, each
// numbered, each but the last saying 次頁へ続く, the table header repeated,
// and every dated row printed exactly once.
func TestHeavyPatientPages(t *testing.T) {
	testenv.Slow(t, slowPoppler)
	v := trainingView(t, "heavy-elderly-polypharmacy", "2026-11-25", summary.Normal)
	doc := render(t, v)
	ps := pages(t, doc, layoutOrder)
	info := poppler(t, doc, "pdfinfo")
	if !strings.Contains(info, fmt.Sprintf("Pages:           %d\n", len(ps))) {
		t.Fatalf("pdftotext found %d pages; pdfinfo says:\n%s", len(ps), info)
	}
	if len(ps) < 20 {
		t.Fatalf("%d pages for %d rows", len(ps), rowCount(v))
	}
	dated := regexp.MustCompile(`(?m)^\d\d年\s?\d{1,2}月\s?\d{1,2}日\s`)
	rows := 0
	for i, p := range ps {
		n := i + 1
		if !regexp.MustCompile(fmt.Sprintf(`作成日：2026年11月25日\s+%d / %dページ\n`, n, len(ps))).MatchString(p) {
			t.Errorf("page %d lacks its number %d / %d", n, n, len(ps))
		}
		if got := strings.Contains(p, continued); got != (n < len(ps)) {
			t.Errorf("page %d of %d: 次頁へ続く printed = %v", n, len(ps), got)
		}
		if !strings.Contains(p, "【注意事項】") || !strings.Contains(p, "【訓練用】") {
			t.Errorf("page %d lacks the footnotes or the training line", n)
		}
		// A page that continues a table starts with its heading and header.
		if n > 1 && dated.MatchString(p) && !regexp.MustCompile(`(調剤|実施)年月日`).MatchString(p) {
			t.Errorf("page %d has rows but no column header", n)
		}
		rows += len(dated.FindAllString(p, -1))
	}
	if want := datedRows(v); rows != want {
		t.Errorf("%d dated rows printed, the view has %d", rows, want)
	}
}

// TestFirstPageOnly: page 1 of a long summary is a PDF of one page (what
// the printer and the viewer get for 1ページ目だけ印刷), the same page 1.
func TestFirstPageOnly(t *testing.T) {
	v := trainingView(t, "heavy-elderly-polypharmacy", "2026-11-25", summary.Normal)
	p, err := Layout(v)
	if err != nil {
		t.Fatal(err)
	}
	var all, first bytes.Buffer
	if _, err := p.WriteTo(&all); err != nil {
		t.Fatal(err)
	}
	if _, err := p.WriteFirst(&first, 1); err != nil {
		t.Fatal(err)
	}
	if info := poppler(t, first.Bytes(), "pdfinfo"); !strings.Contains(info, "Pages:           1\n") {
		t.Fatalf("page 1 only is not one page:\n%s", info)
	}
	page1 := func(doc []byte) string {
		return poppler(t, doc, "pdftotext", "-f", "1", "-l", "1", "-nodiag", "-enc", "UTF-8", layoutOrder)
	}
	if info := poppler(t, all.Bytes(), "pdfinfo"); !strings.Contains(info, fmt.Sprintf("Pages:           %d\n", p.Pages)) || p.Pages < 2 {
		t.Errorf("Printed.Pages %d; pdfinfo of the whole:\n%s", p.Pages, info)
	}
	if a, b := page1(all.Bytes()), page1(first.Bytes()); a != b {
		t.Errorf("page 1 alone differs from the whole's page 1:\n%s\n---\n%s", b, a)
	}
}

func rowCount(v *summary.View) int {
	n := 0
	for _, s := range v.Sections {
		n += s.Len()
	}
	return n
}

func datedRows(v *summary.View) int {
	n := 0
	for _, s := range v.Sections {
		n += len(s.Medications) + len(s.Procedures) + len(s.Checkups)
	}
	return n
}

// TestFontsEmbeddedAndSubset: both BIZ UDGothic faces are embedded as
// tagged subsets with a Unicode map, and nothing else is used.
func TestFontsEmbeddedAndSubset(t *testing.T) {
	out := poppler(t, render(t, sampleView()), "pdffonts")
	lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
	want := regexp.MustCompile(`^[A-Z]{6}\+BIZUDGothic-(Regular|Bold) `)
	if len(lines) != 2 {
		t.Fatalf("fonts:\n%s", out)
	}
	tags := map[string]bool{}
	for _, l := range lines {
		f := strings.Fields(l)
		tags[f[0][:6]] = true
		if !want.MatchString(l) || !strings.Contains(l, "CID TrueType") || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("font line %q: want %v, embedded, subset, with a Unicode map", l, want)
		}
	}
	if len(tags) != 2 {
		t.Errorf("the two subsets share a tag:\n%s", out)
	}
}
