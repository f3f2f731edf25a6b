// Package summarytest makes the long synthetic record the timing checks of
// issue 19 measure (bench/summary, the summary benchmarks): one writer, so
// the two measure the same record.
package summarytest

import (
	"fmt"

	"kyukyu/summary"
)

// LongOn is the creation date of a long record: its rows run up to it over
// five years.
var LongOn = summary.NewDate(2026, 11, 20)

// longDrugs are the rows a long record repeats: hypnotics from three
// clinics, anticoagulants, a steroid, an insulin pen, a 頓用 opioid, a
// plain drug.
var longDrugs = []summary.Medication{
	{Drug: "マイスリー錠10mg", Code: "1129009F1025", Usage: "1日1回就寝前", Amount: 28, Unit: "錠", Days: 28},
	{Drug: "デパス錠0.5mg", Code: "1179025F1024", Usage: "1日2回朝夕食後", Amount: 56, Unit: "錠", Days: 28},
	{Drug: "ワーファリン錠1mg", Code: "3332001F1028", Usage: "1日1回朝食後", Amount: 84, Unit: "錠", Days: 28},
	{Drug: "エリキュース錠5mg", Code: "3339004F2025", Usage: "1日2回朝夕食後", Amount: 56, Unit: "錠", Days: 28},
	{Drug: "プレドニゾロン錠5mg「タケダ」", Code: "2456001F1310", Usage: "1日1回朝食後", Amount: 28, Unit: "錠", Days: 28},
	{Drug: "ランタス注ソロスター", Code: "2492416G2024", Usage: "1日1回朝食前 1回8単位", Dose: "3キット", Amount: 3, Unit: "キット"},
	{Drug: "オキノーム散5mg", Code: "8119002B1028", Usage: "疼痛時", Dose: "1包", Amount: 10, Unit: "包"},
	{Drug: "アムロジピン錠5mg「サワイ」", Code: "2171022F1098", Usage: "1日1回朝食後", Amount: 28, Unit: "錠", Days: 28},
}

// LongRecord is a patient with rows receipt rows (a procedure every tenth)
// spread over the five years up to LongOn.
func LongRecord(rows int) *summary.Record {
	rec := &summary.Record{Patient: summary.Patient{Name: "計測 花子", Kana: "ケイソク ハナコ", Birth: summary.NewDate(1948, 3, 4),
		Sex: summary.SexFemale, Insurance: summary.Insurance{InsurerNumber: "33120015", Symbol: "計測", Number: "2", Branch: "00"}}}
	start := LongOn.AddDays(-5 * 365)
	for i := range rows {
		d := start.AddDays(i * 5 * 365 / rows)
		clinic := fmt.Sprintf("計測クリニック%d", i%3)
		if i%10 == 9 {
			rec.Procedures = append(rec.Procedures, summary.Procedure{Date: d, Setting: summary.Outpatient, Institution: clinic,
				Name: "プロトロンビン時間（PT）", Code: "D006", Quantity: "1回"})
			continue
		}
		m := longDrugs[i%len(longDrugs)]
		m.Date, m.Setting, m.Institution, m.Prescriber = d, summary.Pharmacy, "計測薬局", clinic
		rec.Medications = append(rec.Medications, m)
	}
	return rec
}
