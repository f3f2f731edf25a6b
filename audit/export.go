package audit

import (
	"encoding/csv"
	"encoding/hex"
	"io"
	"strconv"
	"strings"

	"kyukyu/summary"
)

// bom makes Excel read the CSV as UTF-8.
const bom = "\ufeff"

// csvHeader names the columns for the hospital's safety officer.
var csvHeader = []string{"番号", "日時(JST)", "端末", "操作者", "モード", "理由", "患者参照", "保険者番号", "操作", "結果", "出力", "ハッシュ"}

// csvTimeLayout is the time as a person reads it, in Japan time.
const csvTimeLayout = "2006-01-02 15:04:05"

// WriteCSV writes the entries of [from, to] as CSV (UTF-8 with BOM, header
// row) and returns how many it wrote.
func (l *Log) WriteCSV(w io.Writer, from, to summary.Date) (int, error) {
	es, err := l.Entries(from, to)
	if err != nil {
		return 0, err
	}
	if _, err := io.WriteString(w, bom); err != nil {
		return 0, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what Excel writes and expects
	if err := cw.Write(csvHeader); err != nil {
		return 0, err
	}
	for _, e := range es {
		rec := []string{strconv.FormatInt(e.ID, 10), e.Time.Format(csvTimeLayout), e.Workstation, e.Operator,
			modeLabels[e.Mode], e.Reason, e.Patient, e.Insurer, actionLabels[e.Action], resultLabels[e.Result], e.Output,
			hex.EncodeToString(e.Hash)}
		for i := range rec {
			rec[i] = noFormula(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return 0, err
		}
	}
	cw.Flush()
	return len(es), cw.Error()
}

// noFormula keeps free text (a reason typed by a user) from being run as a
// spreadsheet formula when the file is opened in Excel.
func noFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
