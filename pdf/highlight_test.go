package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kyukyu/internal/testenv"
	"kyukyu/summary"
	"kyukyu/summary/alerttext"
	"kyukyu/training"
)

// TestAlertBoxAndTags: the alert box's heading names the kinds present; it
// lists every alert in summary's order, the regular institution included,
// with coverage, the latest supply and reversal agents in alerttext's
// words; anticoagulant and antiplatelet rows carry their tags in the text,
// so a black-and-white copy still shows them. The current list and what
// the data cannot show follow.
func TestAlertBoxAndTags(t *testing.T) {
	doc := render(t, sampleView())
	writePNG(t, doc, "highlights-p1")
	text := pages(t, doc, layoutOrder)[0]
	expectLines(t, text,
		`^【要確認】抗凝固薬あり、抗血小板薬あり$`,
		`^［抗凝固］抗凝固薬: ワルファリンカリウム（ビタミンK拮抗薬） — 最近終了 — 継続中の可能性（2022年8月15日までの処方、`,
		`^最終処方: 2022年7月19日 資格薬局（資格クリニック） ワーファリン錠1mg 28日分$`,
		`^→ 出血時は中和・拮抗を検討（頭蓋内出血・手術）$`,
		`^拮抗薬: メナテトレノン（ケイツーN）、乾燥濃縮人プロトロンビン複合体（ケイセントラ）$`,
		`^［抗血小板］抗血小板薬: アスピリン — 最近終了 — 継続中の可能性（2022年8月15日までの処方、レセプトは遅れて届く）$`,
		`^［かかりつけ］かかりつけ候補: 資格クリニック`,
		// The receipt supplies ended 11 days before: recently ended, still listed (issue 19).
		`^【現在服用中の可能性がある薬】$`,
		`^・［抗凝固］ワーファリン錠1mg（ワルファリンカリウム） 1日1回朝食後服用 3錠 — 最近終了（2022年8月15日まで）— 継続中の可能性`,
		`^※該当がなくても服用していないとは限りません（紙レセプト・包括算定・自費・OTC は含まれません）$`,
		`紙レセプトや包装の場合など`,
		`^受診歴 `,
		`\d\. ［抗凝固］ワーファリン錠1mg\s`,
		`\d\. ［抗血小板］バイアスピリン錠100mg\s`,
		`\d\. ［睡眠薬・抗不安薬］マイスリー錠5mg\s`,
	)
	if strings.Contains(text, "睡眠薬・抗不安薬あり") {
		t.Error("the heading names a kind that is not present")
	}
}

func TestCurrentMedicationList(t *testing.T) {
	v := sampleView()
	v.Current = []summary.CurrentMedication{
		{Class: summary.ClassAnticoagulant, Ingredient: "ワルファリンカリウム", Drug: "ワーファリン錠1mg", Status: summary.StatusCurrent,
			MgPerDay: 3, CoveredThrough: summary.NewDate(2022, 9, 1), Institution: "資格薬局（資格クリニック）"},
		{Class: summary.ClassNone, Ingredient: "アムロジン錠5mg", Drug: "アムロジン錠5mg", Status: summary.StatusLikelyCurrent,
			Usage: "1日1回 1錠", CoveredThrough: summary.NewDate(2022, 8, 1), Institution: "資格医院"},
	}
	text := pages(t, render(t, v), layoutOrder)[0]
	expectLines(t, text, `^【現在服用中の可能性がある薬】$`,
		`^・［抗凝固］ワーファリン錠1mg（ワルファリンカリウム） 3mg/日 — 2022年9月1日まで処方あり — 資格薬局（資格クリニック）$`,
		`^・アムロジン錠5mg 1日1回 1錠 — 継続中の可能性が高い（定期処方、最終処方分は2022年8月1日まで） — 資格医院$`,
		`^※該当がなくても`)
}

// TestAlertHeadingCountsDrugs: two antiplatelets are 抗血小板薬2剤, in the
// order the alerts come.
func TestAlertHeadingCountsDrugs(t *testing.T) {
	v := sampleView()
	v.Alerts = []summary.Alert{
		{Kind: summary.AlertHypnotic, Status: summary.StatusCurrent, Ingredient: "ゾルピデム", CoveredThrough: summary.NewDate(2022, 9, 1)},
		{Kind: summary.AlertAntiplatelet, Status: summary.StatusCurrent, Ingredient: "アスピリン", CoveredThrough: summary.NewDate(2022, 9, 1),
			Reasons: []summary.Reason{summary.ReasonDualTherapy}, Ingredients: []string{"アスピリン"}, Concurrent: []string{"クロピドグレル"}},
		{Kind: summary.AlertAntiplatelet, Status: summary.StatusCurrent, Ingredient: "クロピドグレル", CoveredThrough: summary.NewDate(2022, 9, 1),
			Reasons: []summary.Reason{summary.ReasonDualTherapy}, Ingredients: []string{"クロピドグレル"}, Concurrent: []string{"アスピリン"}},
	}
	text := pages(t, render(t, v), layoutOrder)[0]
	expectLines(t, text, `^【要確認】睡眠薬・抗不安薬あり、抗血小板薬2剤$`,
		`^［睡眠薬・抗不安薬］睡眠薬・抗不安薬: ゾルピデム — 服用中（2022年9月1日まで処方）$`,
		`^［抗血小板］抗血小板薬: アスピリン — 服用中（2022年9月1日まで処方） — 抗血小板薬2剤併用（アスピリン＋クロピドグ`)
}

// TestAlertHeadingDevicesAreNotDrugs: a pacemaker and home oxygen are two
// findings (2件), not two drugs (2剤), and the kinds are joined by 、 so a
// kind whose name holds a ・ is not read as two.
func TestAlertHeadingDevicesAreNotDrugs(t *testing.T) {
	v := sampleView()
	v.Alerts = []summary.Alert{
		{Kind: summary.AlertImmunosuppressant, Status: summary.StatusCurrent, Ingredient: "メトトレキサート", CoveredThrough: summary.NewDate(2022, 9, 1)},
		{Kind: summary.AlertDevice, Modality: "oxygen", LatestDate: summary.NewDate(2022, 8, 1)},
		{Kind: summary.AlertDevice, Modality: "pacemaker", LatestDate: summary.NewDate(2020, 9, 20)},
	}
	text := pages(t, render(t, v), layoutOrder)[0]
	expectLines(t, text, `^【要確認】免疫抑制薬・抗がん剤あり、植込み機器・在宅医療2件$`)
	// Two combinations are two findings, not five drugs.
	v.Alerts = []summary.Alert{
		{Kind: summary.AlertInteraction, Status: summary.StatusCurrent, Ingredients: []string{"エドキサバン", "アスピリン", "クロピドグレル"}, Effect: summary.EffectBleeding, Advice: "bleeding-triple"},
		{Kind: summary.AlertInteraction, Status: summary.StatusCurrent, Ingredients: []string{"炭酸リチウム", "ロキソプロフェン"}, Effect: summary.EffectLithiumToxicity, Advice: "lithium"},
	}
	expectLines(t, pages(t, render(t, v), layoutOrder)[0], `^【要確認】相互作用2件$`, `^［相互作用］相互作用: エドキサバン＋アスピリン＋クロピドグレル`)
}

// TestAlertHeadingCountsIngredients: zolpidem over its maximum and the
// class total of that same zolpidem are two alerts about one drug
// (睡眠薬・抗不安薬あり); with brotizolam in the total they are two drugs.
func TestAlertHeadingCountsIngredients(t *testing.T) {
	on := summary.NewDate(2022, 9, 1)
	overMax := summary.Alert{Kind: summary.AlertHypnotic, Status: summary.StatusCurrent, Ingredient: "ゾルピデム", Ingredients: []string{"ゾルピデム"},
		CoveredThrough: on, Reasons: []summary.Reason{summary.ReasonOverMax}, MgPerDay: 40, MaxMgPerDay: 10}
	total := summary.Alert{Kind: summary.AlertHypnotic, Status: summary.StatusCurrent, Ingredient: "ゾルピデム", Ingredients: []string{"ゾルピデム"},
		CoveredThrough: on, Reasons: []summary.Reason{summary.ReasonDiazepamTotal}, DiazepamEqMgPerDay: 20}
	for _, tc := range []struct {
		with []string
		want string
	}{
		{[]string{"ゾルピデム"}, `^【要確認】睡眠薬・抗不安薬あり$`},
		{[]string{"ゾルピデム", "ブロチゾラム"}, `^【要確認】睡眠薬・抗不安薬2剤$`},
	} {
		v := sampleView()
		total.Ingredients = tc.with
		v.Alerts = []summary.Alert{overMax, total}
		expectLines(t, pages(t, render(t, v), layoutOrder)[0], tc.want)
	}
}

func TestAnticoagulantWithoutReversalSaysSo(t *testing.T) {
	v := sampleView()
	v.Alerts = []summary.Alert{{Kind: summary.AlertAnticoagulant, Status: summary.StatusEnded, Ingredient: "フォンダパリヌクスナトリウム",
		CoveredThrough: summary.NewDate(2022, 8, 1), NoReversal: true}}
	text := pages(t, render(t, v), layoutOrder)[0]
	expectLines(t, text, `^［抗凝固］抗凝固薬: フォンダパリヌクスナトリウム — 2022年8月1日までの処方（現在の服用は不明）$`,
		`^拮抗薬: 特異的拮抗薬の登録なし$`)
}

func TestOnlyAnticoagulantRowsAreStrong(t *testing.T) {
	for _, r := range medicationRows(sampleView().Section(summary.ItemMedications).Medications) {
		drug := r.cells[4][0].text
		if want := strings.Contains(drug, "［抗凝固］"); r.strong != want {
			t.Errorf("row %q strong = %v, want %v", drug, r.strong, want)
		}
	}
}

// TestAnticoagulantMarkInMargin rasterises page 1 and looks for the red
// mark in the left margin, beside the anticoagulant row only.
func TestAnticoagulantMarkInMargin(t *testing.T) {
	testenv.Tool(t, "pdftoppm", "poppler-utils")
	dir := t.TempDir()
	path := filepath.Join(dir, "p.pdf")
	if err := os.WriteFile(path, render(t, sampleView()), 0o600); err != nil {
		t.Fatal(err)
	}
	const dpi = 50
	if out, err := exec.Command("pdftoppm", "-png", "-r", "50", "-singlefile", "-f", "1", "-l", "1", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	img := testenv.ReadPNG(t, filepath.Join(dir, "p.png"))
	px := func(mm float64) int { return int(mm / 25.4 * dpi) }
	// Two marks: the anticoagulant alert in the box and the table row.
	redRuns, inRun := 0, false
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		r, g, b, _ := img.At(px(markX+markW/2), y).RGBA()
		red := r > 0xb000 && g < 0x4000 && b < 0x4000
		if red && !inRun {
			redRuns++
		}
		inRun = red
	}
	if redRuns != 2 {
		t.Errorf("%d red marks in the margin, want 2 (alert and anticoagulant row)", redRuns)
	}
}

// TestTrainingWatermarkOnEveryPage: on every page of a training summary the
// only diagonal text is the watermark, once; a real patient has none.
func TestTrainingWatermarkOnEveryPage(t *testing.T) {
	v := sampleView()
	v.Sections[2].Medications = append(v.Sections[2].Medications, repeat(v.Sections[2].Medications[0], 40)...)
	for _, training := range []bool{true, false} {
		v.Training = training
		doc := render(t, v)
		all := strings.Split(poppler(t, doc, "pdftotext", "-enc", "UTF-8", "-raw"), "\f")
		straight := pages(t, doc, contentOrder)
		if len(straight) < 2 {
			t.Fatalf("want several pages, got %d", len(straight))
		}
		for i := range straight {
			diag := runeDiff(squeeze(all[i]), squeeze(straight[i]))
			want := ""
			if training {
				want = sortedRunes(watermark)
			}
			if diag != want {
				t.Errorf("training=%v page %d: diagonal text %q, want %q", training, i+1, diag, want)
			}
			if got := strings.Contains(straight[i], "【訓練用】"); got != training {
				t.Errorf("training=%v page %d: training footer = %v", training, i+1, got)
			}
		}
	}
}

func repeat[T any](x T, n int) []T {
	out := make([]T, n)
	for i := range out {
		out[i] = x
	}
	return out
}

// runeDiff returns the runes of a not in b (as a multiset), sorted.
func runeDiff(a, b string) string {
	count := map[rune]int{}
	for _, r := range b {
		count[r]++
	}
	var out []rune
	for _, r := range a {
		if count[r] > 0 {
			count[r]--
			continue
		}
		out = append(out, r)
	}
	return sortedRunes(string(out))
}

func sortedRunes(s string) string {
	rs := []rune(s)
	slices.Sort(rs)
	return string(rs)
}

// TestDateColumnFitsTheWidestDate keeps table dates on one line.
func TestDateColumnFitsTheWidestDate(t *testing.T) {
	r := testRenderer(t, sampleView())
	widest := summary.NewDate(2022, 12, 29).Short()
	if w := r.measure(regular, sizeBody)(widest) + 2*cellPadX; w > dateW {
		t.Errorf("%q needs %.1f mm, the column is %.1f", widest, w, dateW)
	}
}

// TestEveryTrainingPatientsAlertsOnPaper: for every training patient, page 1
// lists every alert, in summary's order, in alerttext's words, then the
// drugs likely taken today.
func TestEveryTrainingPatientsAlertsOnPaper(t *testing.T) {
	for _, id := range training.IDs() {
		t.Run(id, func(t *testing.T) {
			v := trainingView(t, id, "2026-09-21", summary.Emergency)
			text := squeeze(strings.Join(pages(t, render(t, v), layoutOrder), "\n"))
			at := 0
			var want []string
			for _, a := range v.Alerts {
				x := alerttext.Render(a, alerttext.Japanese)
				want = append(want, x.Tag+x.Title)
			}
			for _, c := range v.Current {
				want = append(want, "・"+alerttext.CurrentLine(c, alerttext.Japanese))
			}
			for _, w := range want {
				i := strings.Index(text[at:], squeeze(w))
				if i < 0 {
					t.Fatalf("%q missing or out of order on paper", w)
				}
				at += i + len(squeeze(w))
			}
		})
	}
}

// TestReferenceBoxFrameIsNotRed rasterises page 1: a summary whose only
// alert is the regular institution (【参考】) has no red frame; with a
// danger beside it the red frame is there.
func TestReferenceBoxFrameIsNotRed(t *testing.T) {
	testenv.Tool(t, "pdftoppm", "poppler-utils")
	regular := summary.Alert{Kind: summary.AlertRegularInstitution, Severity: summary.SeverityInfo, SpanMonths: 3,
		Ranking: []summary.InstitutionVisits{{Institution: "資格クリニック", Months: 2, Latest: summary.NewDate(2022, 7, 1).MonthOf()}}}
	warfarin := summary.Alert{Kind: summary.AlertAnticoagulant, Severity: summary.SeverityCritical, Status: summary.StatusCurrent,
		Ingredient: "ワルファリンカリウム", CoveredThrough: summary.NewDate(2022, 9, 1)}
	for _, tc := range []struct {
		alerts []summary.Alert
		red    bool
	}{{[]summary.Alert{regular}, false}, {[]summary.Alert{warfarin, regular}, true}} {
		v := sampleView()
		v.Alerts = tc.alerts
		text := pages(t, render(t, v), layoutOrder)[0]
		expectLines(t, text, `^【参考】かかりつけ候補$`)
		dir := t.TempDir()
		path := filepath.Join(dir, "p.pdf")
		if err := os.WriteFile(path, render(t, v), 0o600); err != nil {
			t.Fatal(err)
		}
		const dpi = 100
		if out, err := exec.Command("pdftoppm", "-png", "-r", "100", "-singlefile", "-f", "1", "-l", "1", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		img := testenv.ReadPNG(t, filepath.Join(dir, "p.png"))
		left := marginL
		x0 := int(left / 25.4 * dpi)
		red := false
		for x := x0 - 2; x <= x0+2; x++ {
			for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
				r, g, b, _ := img.At(x, y).RGBA()
				if r > 0x9000 && g < 0x8000 && b < 0x8000 && r-g > 0x3000 {
					red = true
				}
			}
		}
		if red != tc.red {
			t.Errorf("alerts %v: red frame %v, want %v", len(tc.alerts), red, tc.red)
		}
	}
}
