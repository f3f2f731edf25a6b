package audit

import (
	"context"
	"encoding/csv"
	"encoding/hex"
	"io"
	"strconv"
	"strings"

	"kyukyu/audit/reason"
	"kyukyu/summary"
)

// bom makes Excel read the CSV as UTF-8.
const bom = "\ufeff"

// csvHeader names the columns for the hospital's safety officer.
var csvHeader = []string{"番号", "日時(JST)", "端末", "操作者", "モード", "理由", "患者参照", "保険者番号", "操作", "結果", "出力", "ハッシュ", "kyukyu版", "職員ID"}

// csvTimeLayout is the time as a person reads it, in Japan time.
const csvTimeLayout = "2006-01-02 15:04:05"

// WriteCSV writes the entries of [from, to] as CSV (UTF-8 with BOM, header
// row) and returns how many it wrote.
func (l *Log) WriteCSV(w io.Writer, from, to summary.Date) (int, error) {
	es, err := l.Entries(from, to)
	if err != nil {
		return 0, err
	}
	recs := make([][]string, len(es))
	for i, e := range es {
		recs[i] = csvFields(e)
	}
	return len(es), writeCSV(w, csvHeader, recs)
}

// centralHeader adds where an entry comes from and when the server got it,
// and, last, the enrolled workstation whose role sent it.
var centralHeader = append(append([]string{"ログID", "受信日時(JST)"}, csvHeader...), "登録端末")

// WriteCentralCSV writes all workstations' entries of [from, to] from the
// central log at url, one row per entry, and returns how many it wrote.
func WriteCentralCSV(ctx context.Context, w io.Writer, url string, from, to summary.Date) (int, error) {
	es, err := CentralEntries(ctx, url, from, to)
	if err != nil {
		return 0, err
	}
	return len(es), CentralCSV(w, es)
}

// CentralCSV writes central entries as WriteCentralCSV does (the review
// page's download of a filtered list).
func CentralCSV(w io.Writer, es []CentralEntry) error {
	recs := make([][]string, len(es))
	for i, e := range es {
		recs[i] = append(append([]string{e.LogID, e.Received.In(summary.Tokyo).Format(csvTimeLayout)}, csvFields(e.Entry)...), e.Station)
	}
	return writeCSV(w, centralHeader, recs)
}

func csvFields(e Entry) []string {
	return []string{strconv.FormatInt(e.ID, 10), e.Time.Format(csvTimeLayout), e.Workstation, e.Operator,
		modeLabels[e.Mode], reasonText(e.Reason), e.Patient, e.Insurer, actionLabels[e.Action], resultLabels[e.Result], e.Output,
		hex.EncodeToString(e.Hash), e.Version, e.Staff}
}

// reasonLabels are the words of the reasons for the safety officer, as the
// Japanese screen words them.
var reasonLabels = map[reason.Key]string{
	reason.Unconscious:      "意識障害などで本人の同意が得られない",
	reason.CannotUnderstand: "重症・せん妄などで説明を理解できない",
	reason.UrgentDecision:   "緊急の治療判断に直ちに必要",
	reason.Other:            "その他",
	reason.Consented:        "本人の同意を得たため通常の表示期間に切り替え",
	reason.TrainingStart:    "訓練：起動時に指定した患者",
}

// reasonText is a stored reason in words: the key's label and what the
// person wrote; an older entry's words as they are.
func reasonText(stored string) string {
	r := reason.Parse(stored)
	switch {
	case r.Key == "":
		return r.Text
	case r.Text == "":
		return reasonLabels[r.Key]
	}
	return reasonLabels[r.Key] + "：" + r.Text
}

func writeCSV(w io.Writer, header []string, recs [][]string) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what Excel writes and expects
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, rec := range recs {
		for i := range rec {
			rec[i] = noFormula(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// noFormula keeps free text (a reason typed by a user) from being run as a
// spreadsheet formula when the file is opened in Excel.
func noFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
