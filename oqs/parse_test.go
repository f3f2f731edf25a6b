package oqs

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"

	"kyukyu/summary"
)

// synthetic is a made-up patient touching every tree and row kind.
func synthetic() *summary.Record {
	d := func(y, m, day int) summary.Date { return summary.NewDate(y, timeMonth(m), day) }
	return &summary.Record{
		Patient: summary.Patient{
			Name: "診療 太郎", Kana: "シンリョウ タロウ", Birth: d(1962, 5, 21), Sex: summary.SexMale,
			Insurance: summary.Insurance{InsurerNumber: "33120015", Symbol: "1234567", Number: "12345", Branch: "00"},
		},
		Visits: []summary.Visit{
			{Institution: "資格クリニック", Month: summary.Month{Year: 2022, Month: 7}, Setting: summary.Outpatient},
			{Institution: "資格医院", Month: summary.Month{Year: 2022, Month: 6}, Setting: summary.Outpatient},
			{Institution: "テスト病院", Month: summary.Month{Year: 2019, Month: 3}, Setting: summary.Inpatient},
		},
		Medications: []summary.Medication{
			{Date: d(2022, 7, 19), Setting: summary.Outpatient, Institution: "資格クリニック",
				Drug: "ゲンタマイシン硫酸塩軟膏0.1%「イワキ」", Ingredient: "ゲンタマイシン硫酸塩", Code: "620000001",
				Amount: 10, Unit: "g", Quantity: "10g 1処方分"},
			{Date: d(2022, 6, 18), Setting: summary.Pharmacy, Institution: "オンライン薬局", Prescriber: "資格医院",
				Drug: "マイスリー錠5mg", Ingredient: "ゾルピデム酒石酸塩", Code: "1129009F1025",
				Usage: "1日1回就寝前服用", Amount: 14, Unit: "錠", Days: 14, Quantity: "1錠 14日分"},
			{Date: d(2022, 6, 18), Setting: summary.Outpatient, Institution: "資格医院",
				Drug: "ロキソプロフェンNa錠60mg", Ingredient: "ロキソプロフェンナトリウム水和物", Code: "1149019F1560",
				Usage: "疼痛時", Dose: "1錠", Amount: 5, Unit: "錠", Quantity: "1錠 5回分", Instruction: "6時間あける"},
			{Date: d(2022, 6, 1), Setting: summary.Outpatient, Institution: "資格医院",
				Drug: "ワーファリン錠1mg", Ingredient: "ワルファリンカリウム", Code: "3332001F1028",
				Usage: "1日1回朝食後", Amount: 42, Unit: "錠", Days: 28, Quantity: "1.5錠 28日分"},
		},
		Dispensing: []summary.Medication{
			{Date: d(2022, 8, 2), Setting: summary.Pharmacy, Institution: "テスト薬局", Prescriber: "テスト病院",
				Drug: "フルティフォーム125エアゾール56吸入用", Ingredient: "フルチカゾンプロピオン酸エステル・ホルモテロールフマル酸塩水和物",
				Usage: "1日2回朝夕食後・吸入", Amount: 1, Unit: "瓶", Quantity: "1瓶 1処方分"},
		},
		Surgeries: []summary.Procedure{
			{Date: d(2019, 3, 4), Setting: summary.Inpatient, Institution: "テスト病院", Name: "腹腔鏡下胆嚢摘出術", Code: "K672-2", Quantity: "1回"},
		},
		Procedures: []summary.Procedure{
			{Date: d(2022, 7, 19), Setting: summary.Outpatient, Institution: "資格クリニック", Name: "創傷処置（１００平方センチメートル未満）", Code: "J000", Quantity: "1回 ×3"},
		},
		Dialysis: []summary.Procedure{
			{Date: d(2022, 6, 20), Setting: summary.Outpatient, Institution: "資格医院", Name: "人工腎臓（慢性維持透析）", Code: "J038", Quantity: "1回"},
		},
		Checkups: nil,
	}
}

func withCheckups(rec *summary.Record) *summary.Record {
	rec.Checkups = []summary.Checkup{{
		Date: summary.NewDate(2021, 10, 5), Institution: "健診センター",
		Results: []summary.CheckupResult{{Code: "9N001000000000001", Name: "身長", Value: "170.2", Unit: "cm"}, {Code: "3F015000002327101", Name: "HbA1c", Value: "5.6", Unit: "%"}},
	}}
	return rec
}

// canonical orders every slice so that records compare regardless of the
// grouping the XML imposes.
func canonical(r *summary.Record) *summary.Record {
	c := *r
	c.Visits = slices.Clone(r.Visits)
	slices.SortFunc(c.Visits, func(a, b summary.Visit) int {
		return cmp.Or(a.Month.Compare(b.Month), cmp.Compare(a.Institution, b.Institution), cmp.Compare(a.Setting, b.Setting))
	})
	meds := func(xs []summary.Medication) []summary.Medication {
		xs = slices.Clone(xs)
		slices.SortStableFunc(xs, func(a, b summary.Medication) int {
			return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Institution, b.Institution), cmp.Compare(a.Drug, b.Drug), cmp.Compare(a.Amount, b.Amount))
		})
		return xs
	}
	procs := func(xs []summary.Procedure) []summary.Procedure {
		xs = slices.Clone(xs)
		slices.SortStableFunc(xs, func(a, b summary.Procedure) int {
			return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Institution, b.Institution), cmp.Compare(a.Name, b.Name))
		})
		return xs
	}
	c.Medications, c.Dispensing = meds(r.Medications), meds(r.Dispensing)
	c.Surgeries, c.Procedures, c.Dialysis = procs(r.Surgeries), procs(r.Procedures), procs(r.Dialysis)
	return &c
}

func TestRoundTripBothEncodings(t *testing.T) {
	for _, enc := range []Encoding{ShiftJIS, UTF8} {
		rec := synthetic()
		b, err := RenderDrugResult(rec, enc)
		if err != nil {
			t.Fatal(err)
		}
		if enc == ShiftJIS && !bytes.Contains(b, []byte(`encoding="Shift_JIS"`)) {
			t.Fatalf("no Shift_JIS declaration")
		}
		res, err := Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", enc, err)
		}
		if res.Kind != DrugResult {
			t.Fatalf("kind %v", res.Kind)
		}
		want, got := canonical(rec), canonical(res.Record)
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("%s round trip differs:\nwant %+v\n got %+v", enc, want, got)
		}
		ck := withCheckups(&summary.Record{Patient: rec.Patient})
		b, err = RenderCheckupResult(ck, enc)
		if err != nil {
			t.Fatal(err)
		}
		res, err = Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if res.Kind != CheckupResult || !reflect.DeepEqual(res.Record, ck) {
			t.Fatalf("checkup round trip differs:\nwant %+v\n got %+v", ck, res.Record)
		}
	}
}

// A hand-written file in the shape of a real result: Shift_JIS bytes,
// surgery by 診療識別 50, dialysis by name, pharmacy receipt, prescription tree.
const handWritten = `<?xml version="1.0" encoding="Shift_JIS"?>
<XmlMsg><MessageHeader><ResultCode>1</ResultCode><MessageContents/>
<InsurerNumber>  123456</InsurerNumber><InsuranceCardSymbol>記号</InsuranceCardSymbol>
<InsuredPersonIdentificationNumber>9</InsuredPersonIdentificationNumber><BranchNumber>01</BranchNumber>
<QuaInf><Name>試験 花子</Name><KanaName>シケン ハナコ</KanaName><Birth>19800229</Birth><AdmGendCode>2</AdmGendCode></QuaInf>
</MessageHeader><MessageBody>
<MeTrMonthInf><MeTrDiHNm>試験病院</MeTrDiHNm><PrlsHNm>試験病院</PrlsHNm><MeTrMonth>202403</MeTrMonth><InOut>1</InOut>
 <DiDateInfs><DiDateInf><DiDate>20240305</DiDate>
  <MeTrInfs>
   <MeTrInf><SinInfN>虫垂切除術</SinInfN><SinInfCd>150000010</SinInfCd><MeTrIdCl>50</MeTrIdCl><Qua1>1</Qua1><Unit>回</Unit><Times>1</Times></MeTrInf>
   <MeTrInf><SinInfN>腹膜灌流（連続携行式腹膜灌流）</SinInfN><SinInfCd>140000020</SinInfCd><MeTrIdCl>40</MeTrIdCl><Qua1>1</Qua1><Unit>日</Unit><Times>2</Times></MeTrInf>
   <MeTrInf><SinInfN>末梢血液一般検査</SinInfN><SinInfCd>160008010</SinInfCd><MeTrIdCl>60</MeTrIdCl></MeTrInf>
  </MeTrInfs></DiDateInf></DiDateInfs></MeTrMonthInf>
<MeTrMonthInf><MeTrDiHNm>試験薬局</MeTrDiHNm><PrlsHNm>試験病院</PrlsHNm><MeTrMonth>202403</MeTrMonth><InOut>3</InOut>
 <DiDateInfs><DiDateInf><DiDate>20240306</DiDate><DrugInfs><DrugInf><DrugC>610000001</DrugC><DrugN>エリキュース錠5mg</DrugN>
 <IngreN>アピキサバン</IngreN><Qua1>2</Qua1><Unit>錠</Unit><UsageN>1日2回朝夕食後</UsageN><Times>30</Times><MeTrIdCl>21</MeTrIdCl></DrugInf></DrugInfs>
 </DiDateInf></DiDateInfs></MeTrMonthInf>
<ShPrInf><ShPrMonthInf><ShMeTrDiHNm>試験病院</ShMeTrDiHNm><ShPrMonth>202404</ShPrMonth><ShPrCl>3</ShPrCl>
 <ShPrDateInfs><ShPrDateInf><ShPrDate>20240401</ShPrDate><ShDrugInfs><ShDrugInf><ShDrugN>カロナール錠200</ShDrugN><ShQua1>3</ShQua1><ShUnit>錠</ShUnit><ShTimes>5</ShTimes><ShUsageCl>1</ShUsageCl></ShDrugInf></ShDrugInfs></ShPrDateInf></ShPrDateInfs>
</ShPrMonthInf></ShPrInf>
</MessageBody></XmlMsg>`

func sjis(t testing.TB, s string) []byte {
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseHandWrittenShiftJIS(t *testing.T) {
	res, err := Parse(bytes.NewReader(sjis(t, handWritten)))
	if err != nil {
		t.Fatal(err)
	}
	r := res.Record
	if r.Patient.Name != "試験 花子" || r.Patient.Birth != summary.NewDate(1980, 2, 29) || r.Patient.Sex != summary.SexFemale {
		t.Errorf("patient %+v", r.Patient)
	}
	if r.Patient.Insurance.InsurerNumber != "123456" {
		t.Errorf("insurer number not trimmed: %q", r.Patient.Insurance.InsurerNumber)
	}
	if len(r.Surgeries) != 1 || r.Surgeries[0].Name != "虫垂切除術" || r.Surgeries[0].Setting != summary.Inpatient {
		t.Errorf("surgeries %+v", r.Surgeries)
	}
	if len(r.Dialysis) != 1 || r.Dialysis[0].Quantity != "1日 ×2" {
		t.Errorf("dialysis %+v", r.Dialysis)
	}
	if len(r.Procedures) != 1 || r.Procedures[0].Quantity != "" {
		t.Errorf("procedures %+v", r.Procedures)
	}
	// The pharmacy's receipt is not a visit; the hospital's is.
	if want := []summary.Visit{{Institution: "試験病院", Month: summary.Month{Year: 2024, Month: 3}, Setting: summary.Inpatient}}; !reflect.DeepEqual(r.Visits, want) {
		t.Errorf("visits %+v", r.Visits)
	}
	m := r.Medications[0]
	if m.Amount != 60 || m.Days != 30 || m.Quantity != "2錠 30日分" || m.Prescriber != "試験病院" || m.Setting != summary.Pharmacy {
		t.Errorf("medication %+v", m)
	}
	if len(res.Prescriptions) != 1 || res.Prescriptions[0].Amount != 15 {
		t.Errorf("prescriptions %+v", res.Prescriptions)
	}
}

func TestResultCodeError(t *testing.T) {
	b, err := RenderError("2", "該当する資格情報が存在しません", ShiftJIS)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse(bytes.NewReader(b))
	var re *ResultError
	if !errors.As(err, &re) || re.Code != "2" || !strings.Contains(err.Error(), "該当する資格情報が存在しません") {
		t.Fatalf("got %v", err)
	}
}

// Every bad file gives one line naming the file and the problem.
func TestBadFiles(t *testing.T) {
	good, err := RenderDrugResult(synthetic(), ShiftJIS)
	if err != nil {
		t.Fatal(err)
	}
	utf8Good, err := RenderDrugResult(synthetic(), UTF8)
	if err != nil {
		t.Fatal(err)
	}
	deep := `<?xml version="1.0"?><XmlMsg>` + strings.Repeat("<a>", 10000) + strings.Repeat("</a>", 10000) + `</XmlMsg>`
	laughs := `<?xml version="1.0"?>
<!DOCTYPE XmlMsg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<XmlMsg><MessageHeader><ResultCode>1</ResultCode><QuaInf><Name>&lol3;</Name></QuaInf></MessageHeader></XmlMsg>`
	undeclared := strings.Replace(string(utf8Good), "<Name>", "<Name>&lol9;", 1)
	cases := []struct {
		name, want string
		data       []byte
	}{
		{"not-xml.xml", "not", []byte("%PDF-1.4 this is a PDF\n")},
		{"empty.xml", "no XML element", nil},
		{"wrong-root.xml", "root element is <html>", []byte(`<?xml version="1.0"?><html><body/></html>`)},
		{"truncated.xml", "truncated", good[:len(good)/2]},
		{"unknown-encoding.xml", `unknown encoding "EBCDIC-JP"`, []byte(`<?xml version="1.0" encoding="EBCDIC-JP"?><XmlMsg/>`)},
		{"deep.xml", "nested deeper than 32", []byte(deep)},
		{"laughs.xml", "declares a DTD", []byte(laughs)},
		{"undeclared-entity.xml", "lol9", []byte(undeclared)},
		{"bad-birth.xml", `<Birth> is missing or not a real date`, bytes.Replace(utf8Good, []byte("<Birth>19620521"), []byte("<Birth>19621321"), 1)},
		{"bad-month.xml", `"202213" is not a month`, bytes.Replace(utf8Good, []byte("<MeTrMonth>202207"), []byte("<MeTrMonth>202213"), 1)},
		{"bad-setting.xml", `"7" is not a known`, bytes.Replace(utf8Good, []byte("<InOut>2</InOut>"), []byte("<InOut>7</InOut>"), 1)},
		{"bad-quantity.xml", `"abc" is not a quantity`, bytes.Replace(utf8Good, []byte("<Qua1>10</Qua1>"), []byte("<Qua1>abc</Qua1>"), 1)},
		{"no-result-code.xml", "no <ResultCode>", []byte(`<XmlMsg><MessageHeader/><MessageBody/></XmlMsg>`)},
		{"latin1-in-utf8.xml", "not UTF-8", append([]byte(`<?xml version="1.0" encoding="UTF-8"?><XmlMsg><a>`), 0xff, 0xfe, '<', '/', 'a', '>')},
		{"two-roots.xml", "second root", append(slices.Clone(utf8Good), []byte("<XmlMsg/>")...)},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, c.name)
			if err := os.WriteFile(p, c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			res, err := ParseFile(context.Background(), p)
			if err == nil {
				t.Fatalf("accepted a bad file: %+v", res.Record.Patient)
			}
			if res != nil {
				t.Errorf("returned a result with the error")
			}
			msg := err.Error()
			t.Log(msg)
			if !strings.HasPrefix(msg, c.name+": ") || !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") {
				t.Errorf("message %q: want one line starting with the file name and containing %q", msg, c.want)
			}
			if strings.Contains(msg, "19621321") {
				t.Errorf("message %q echoes the patient's birth date", msg)
			}
		})
	}
}

func TestHugeJunkRefusedEarly(t *testing.T) {
	p := filepath.Join(t.TempDir(), "junk.xml")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	// 100 MB, sparse: the size check refuses it before reading.
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := ParseFile(context.Background(), p); err == nil || !strings.Contains(err.Error(), "larger than 32 MB") {
		t.Fatalf("got %v", err)
	}
	// A stream (no size known) stops at the limit too.
	_, err = Parse(&repeatReader{b: []byte("<XmlMsg>" + strings.Repeat("x", 1000))})
	if err == nil || !strings.Contains(err.Error(), "larger than 32 MB") {
		t.Fatalf("stream: got %v", err)
	}
}

// repeatReader yields b and then endless x: junk with no end.
type repeatReader struct {
	b    []byte
	done bool
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if !r.done {
		r.done = true
		return copy(p, r.b), nil
	}
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

func timeMonth(m int) time.Month { return time.Month(m) }

// The declaration decides the decoding, in either quoting; a document
// without one is Shift_JIS only when it is not UTF-8; a declared UTF-8
// document is left as it is.
func TestToUTF8FollowsTheDeclaration(t *testing.T) {
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte("<a>診療</a>"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		decl, label string // label: the one decoded, "" when none is
		decoded     bool
	}{
		{`<?xml version="1.0" encoding="Shift_JIS"?>`, "Shift_JIS", true},
		{`<?xml version='1.0' encoding='windows-31j'?>`, "windows-31j", true},
		{"<?xml version=\"1.0\"\n  encoding = \"SJIS\" ?>", "SJIS", true},
		{``, "", true},
		{`<?xml version="1.0"?><!-- encoding="Shift_JIS" -->`, "", true},
	} {
		out, already, err := toUTF8(append([]byte(c.decl), sjis...))
		if err != nil {
			t.Errorf("%q: %v", c.decl, err)
			continue
		}
		if got := strings.Contains(out, "診療"); got != c.decoded {
			t.Errorf("%q: decoded %v", c.decl, got)
		}
		if c.label != "" && (!already(strings.ToUpper(c.label)) || already("EUC-JP")) {
			t.Errorf("%q: only the decoded label may pass through", c.decl)
		}
		if c.label == "" && already("Shift_JIS") {
			t.Errorf("%q: a label passes that was not declared", c.decl)
		}
	}
	if _, _, err := toUTF8(append([]byte(`<?xml version="1.0" encoding="UTF-8"?>`), sjis...)); err == nil {
		t.Error("Shift_JIS bytes declared UTF-8 accepted")
	}
}

// MessageContents is shown and audited as one line of at most 200
// characters, control and format characters removed.
func TestResultMessageIsOneSafeLine(t *testing.T) {
	long := strings.Repeat("混雑", 150)
	for _, c := range []struct{ in, want string }{
		{"資格情報が\r\n存在しません。\t\u009b31m再送\u0085してください", "資格情報が 存在しません。 31m再送 してください"},
		{"\u202e逆順\u200b表示", "逆順表示"},
		{long, string([]rune(long)[:199]) + "…"},
	} {
		doc := `<?xml version="1.0" encoding="UTF-8"?><XmlMsg><MessageHeader><ResultCode>2</ResultCode><MessageContents>` +
			c.in + `</MessageContents></MessageHeader><MessageBody/></XmlMsg>`
		_, err := Parse(strings.NewReader(doc))
		var re *ResultError
		if !errors.As(err, &re) {
			t.Fatalf("got %v", err)
		}
		if re.Message != c.want || len([]rune(re.Message)) > 200 {
			t.Errorf("message %q, want %q", re.Message, c.want)
		}
	}
}

// One row with a date that cannot be read does not throw the summary away:
// its rows are kept undated and the record says partial.
func TestUnreadableRowDateKeepsTheRest(t *testing.T) {
	drug, err := os.ReadFile(filepath.Join("..", "testdata", "oqs", "drug.xml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(bytes.NewReader(bytes.Replace(drug, []byte("<DiDate>20261102<"), []byte("<DiDate>2026110X<"), 1)))
	if err != nil {
		t.Fatal(err)
	}
	r := res.Record
	if len(r.Medications) != 1 || !r.Medications[0].Date.IsZero() || r.Medications[0].Drug == "" {
		t.Errorf("medications %+v", r.Medications)
	}
	// It keeps its month node's month, so the windows still apply to it.
	if m := r.Medications[0].Month; m != (summary.Month{Year: 2026, Month: 11}) {
		t.Errorf("the undated row's month %v, want 2026-11 from <MeTrMonth>", m)
	}
	if len(r.Dispensing) != 1 || r.Dispensing[0].Date != summary.NewDate(2026, 11, 5) {
		t.Errorf("the readable rows: %+v", r.Dispensing)
	}
	if len(r.Partial) != 1 || !strings.Contains(r.Partial[0], `<DiDate> "2026110X" is not a date`) {
		t.Errorf("partial %q", r.Partial)
	}
}

// One dispensing as both trees carry it, written by hand: the pharmacy's
// name is spelled two ways, its code (MeTrDiHCd, CzMeTrDiHCd) once. Every
// row keeps the code, and the summary counts the dispensing once.
const sameDispensingTwice = `<?xml version="1.0" encoding="UTF-8"?>
<XmlMsg><MessageHeader><ResultCode>1</ResultCode>
<QuaInf><Name>試験 一郎</Name><KanaName>シケン イチロウ</KanaName><Birth>19500101</Birth><AdmGendCode>1</AdmGendCode></QuaInf>
</MessageHeader><MessageBody>
<MeTrMonthInf><MeTrDiHCd>1312345678</MeTrDiHCd><MeTrDiHNm>株式会社ひかり　ひかり薬局本店</MeTrDiHNm><PrlsHNm>さくら心療内科</PrlsHNm><MeTrMonth>202611</MeTrMonth><InOut>3</InOut>
 <DiDateInfs><DiDateInf><DiDate>20261110</DiDate><DrugInfs><DrugInf><DrugC>1129009F1025</DrugC><DrugN>マイスリー錠10mg</DrugN>
 <Qua1>1</Qua1><Unit>錠</Unit><UsageN>1日1回就寝前</UsageN><Times>28</Times><MeTrIdCl>21</MeTrIdCl></DrugInf></DrugInfs>
 </DiDateInf></DiDateInfs></MeTrMonthInf>
<CzDiInf><CzDiMonthInf><CzMeTrDiHCd>1312345678</CzMeTrDiHCd><CzMeTrDiHNm>ひかり薬局</CzMeTrDiHNm><CzPrlsHNm>さくら心療内科</CzPrlsHNm><CzDiMonth>202611</CzDiMonth><CzPrCl>3</CzPrCl>
 <CzDiDateInfs><CzDiDateInf><CzDiDate>20261110</CzDiDate><CzDrugInfs><CzDrugInf><CzDrugC>1129009F1025</CzDrugC><CzDrugN>マイスリー錠10mg</CzDrugN>
 <CzQua1>1</CzQua1><CzUnit>錠</CzUnit><CzUsageN>1日1回就寝前</CzUsageN><CzTimes>28</CzTimes><CzUsageCl>1</CzUsageCl></CzDrugInf></CzDrugInfs>
 </CzDiDateInf></CzDiDateInfs></CzDiMonthInf></CzDiInf>
</MessageBody></XmlMsg>`

func TestOneDispensingInBothTreesByInstitutionCode(t *testing.T) {
	res, err := Parse(strings.NewReader(sameDispensingTwice))
	if err != nil {
		t.Fatal(err)
	}
	r := res.Record
	if len(r.Medications) != 1 || r.Medications[0].InstitutionCode != "1312345678" ||
		len(r.Dispensing) != 1 || r.Dispensing[0].InstitutionCode != "1312345678" {
		t.Fatalf("rows %+v %+v, want one in each tree with the code 1312345678", r.Medications, r.Dispensing)
	}
	v := summary.Build(r, summary.Emergency, summary.NewDate(2026, 11, 20))
	if len(v.Alerts) != 0 || len(v.Current) != 1 || v.Current[0].MgPerDay != 10 {
		t.Errorf("alerts %+v current %+v, want no alert and zolpidem 10 mg/day once", v.Alerts, v.Current)
	}
	// Our writer keeps the code through a round trip.
	data, err := RenderDrugResult(r, UTF8)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if back.Record.Medications[0].InstitutionCode != "1312345678" || back.Record.Dispensing[0].InstitutionCode != "1312345678" {
		t.Errorf("round trip lost the institution code: %+v %+v", back.Record.Medications, back.Record.Dispensing)
	}
}
