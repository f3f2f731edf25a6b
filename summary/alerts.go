package summary

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// lookbackMonths is how far back hypnotic supplies and visits count: the
// last 12 calendar months, the creation month included.
const lookbackMonths = 12

// noReversal is said where domain.md verifies no specific agent.
const noReversal = "特異的拮抗薬は確認されていない"

// subclassLabels are the Japanese names of the anticoagulant subclasses.
var subclassLabels = map[string]string{
	SubVKA:      "ビタミンK拮抗薬",
	SubThrombin: "抗トロンビン薬",
	SubXa:       "抗Xa薬",
	SubHeparin:  "ヘパリン",
	SubLMWH:     "低分子ヘパリン",
}

// severityRank and kindRank order alerts: severity first, then the kind a
// doctor needs first.
var (
	severityRank = map[Severity]int{SeverityCritical: 0, SeverityWarning: 1, SeverityInfo: 2}
	kindRank     = map[AlertKind]int{AlertAnticoagulant: 0, AlertAntiplatelet: 1, AlertHypnotic: 2, AlertRegularInstitution: 3}
)

// InstitutionVisits is one line of the regular-institution ranking.
type InstitutionVisits struct {
	Institution string `json:"institution"`
	Months      int    `json:"months"` // months with a visit in the lookback
	Latest      Month  `json:"latest"`
}

// classifyRecord sets Class and Subclass on every medication row.
func classifyRecord(rec *Record, c Classifier) {
	for _, rows := range [][]Medication{rec.Dispensing, rec.Medications} {
		for i := range rows {
			c.Medication(&rows[i])
		}
	}
}

// Alerts computes the alerts of a record as of its creation date from the
// whole record, not the windows: a 90-day warfarin supply dispensed 60 days
// ago lies outside the 45-day window but still covers the creation date.
// Rows dated after the creation date are ignored.
func Alerts(rec *Record, on Date) []Alert { return alerts(rec, on, Classifier{}) }

func alerts(rec *Record, on Date, c Classifier) []Alert {
	groups := map[*DrugClass][]Medication{}
	var order []*DrugClass // first-seen order, so output does not depend on map order
	for _, rows := range [][]Medication{rec.Dispensing, rec.Medications} {
		for _, m := range rows {
			if on.Before(m.Date) {
				continue
			}
			dc := c.Medication(&m)
			if dc.Class == ClassNone || dc.Subclass == SubFlush {
				continue // a lock/flush syringe does not anticoagulate the patient
			}
			if groups[dc] == nil {
				order = append(order, dc)
			}
			groups[dc] = append(groups[dc], m)
		}
	}
	var alerts []Alert
	var antiplatelets []Alert
	for _, dc := range order {
		rows := groups[dc]
		newestFirst(rows, func(m Medication) Date { return m.Date })
		switch dc.Class {
		case ClassAnticoagulant:
			alerts = append(alerts, anticoagulantAlert(dc, rows, on))
		case ClassAntiplatelet:
			antiplatelets = append(antiplatelets, coverageAlert(AlertAntiplatelet, dc, rows, on))
		case ClassHypnotic:
			if a, ok := hypnoticAlert(dc, rows, on); ok {
				alerts = append(alerts, a)
			}
		}
	}
	alerts = append(alerts, antiplateletAlerts(antiplatelets)...)
	if a, ok := regularInstitutionAlert(rec.Visits, on); ok {
		alerts = append(alerts, a)
	}
	slices.SortStableFunc(alerts, func(a, b Alert) int {
		return cmp.Or(cmp.Compare(severityRank[a.Severity], severityRank[b.Severity]),
			cmp.Compare(kindRank[a.Kind], kindRank[b.Kind]))
	})
	if alerts == nil {
		alerts = []Alert{}
	}
	return alerts
}

// supplyEnd is the last day a row's supply covers: date + days − 1 (the
// date itself for a row not given per day).
func supplyEnd(m Medication) Date { return m.Date.AddDays(max(m.Days, 1) - 1) }

// inLookback keeps the rows whose supply reaches into the lookback.
func inLookback(rows []Medication, on Date) []Medication {
	from := on.MonthOf().Add(-(lookbackMonths - 1)).First()
	return filter(rows, func(m Medication) bool { return !supplyEnd(m).Before(from) })
}

// latestRow is the newest row; on the same day the longest supply.
func latestRow(newest []Medication) Medication {
	best := newest[0]
	for _, m := range newest[1:] {
		if m.Date != best.Date {
			break
		}
		if m.Days > best.Days {
			best = m
		}
	}
	return best
}

// coverageAlert fills what anticoagulant and antiplatelet alerts share:
// the latest supply and whether it still covers the creation date. Its rows
// are those of the lookback (years of weekly supplies would bury the page).
func coverageAlert(kind AlertKind, dc *DrugClass, newest []Medication, on Date) Alert {
	last := latestRow(newest)
	end := supplyEnd(last)
	a := Alert{
		Kind:           kind,
		Severity:       SeverityInfo,
		Ingredient:     dc.Ingredient,
		Subclass:       dc.Subclass,
		LatestDate:     last.Date,
		DaysSupplied:   last.Days,
		CoveredThrough: end,
		LikelyCurrent:  !end.Before(on),
		Rows:           inLookback(newest, on),
	}
	if len(a.Rows) == 0 {
		a.Rows = []Medication{last} // an old supply: the row it rests on
	}
	a.Detail = fmt.Sprintf("最終%s: %s %s %s %s", verb(last), last.Date.Japanese(), where(last), last.Drug, supplyText(last))
	return a
}

func verb(m Medication) string {
	if m.Setting == Pharmacy {
		return "調剤"
	}
	return "処方"
}

func where(m Medication) string {
	if m.Prescriber != "" && m.Prescriber != m.Institution {
		return m.Institution + "（" + m.Prescriber + "）"
	}
	return m.Institution
}

func supplyText(m Medication) string {
	if m.Days > 0 {
		return fmt.Sprintf("%d日分", m.Days)
	}
	return m.Quantity
}

// coverageText is the headline of a coverage: until when the patient may
// still be taking it.
func coverageText(a Alert) string {
	if a.LikelyCurrent {
		return a.CoveredThrough.Japanese() + "まで服用中の可能性"
	}
	return a.CoveredThrough.Japanese() + "までの処方（現在の服用は不明）"
}

func anticoagulantAlert(dc *DrugClass, newest []Medication, on Date) Alert {
	a := coverageAlert(AlertAnticoagulant, dc, newest, on)
	a.Severity = SeverityWarning
	if a.LikelyCurrent {
		a.Severity = SeverityCritical
	}
	a.Reversal = dc.Reversal
	reversal := noReversal
	if len(dc.Reversal) > 0 {
		reversal = strings.Join(dc.Reversal, "、")
	}
	a.Title = fmt.Sprintf("抗凝固薬: %s（%s） — %s — 拮抗薬: %s",
		dc.Ingredient, subclassLabels[dc.Subclass], coverageText(a), reversal)
	return a
}

// antiplateletAlerts names dual (or triple) therapy: antiplatelets whose
// latest supplies overlap in time.
func antiplateletAlerts(as []Alert) []Alert {
	for i := range as {
		a := &as[i]
		for _, b := range as {
			if b.Ingredient != a.Ingredient && !b.CoveredThrough.Before(a.LatestDate) && !a.CoveredThrough.Before(b.LatestDate) {
				a.Concurrent = append(a.Concurrent, b.Ingredient)
			}
		}
		if a.LikelyCurrent {
			a.Severity = SeverityWarning
		}
		if n := len(a.Concurrent); n > 0 {
			a.Title = fmt.Sprintf("抗血小板薬%d剤併用: %s（%sと併用） — %s", n+1, a.Ingredient, strings.Join(a.Concurrent, "・"), coverageText(*a))
		} else {
			a.Title = fmt.Sprintf("抗血小板薬: %s — %s", a.Ingredient, coverageText(*a))
		}
	}
	return as
}

// strengthRe finds a strength in mg in a folded drug name (マイスリー錠5mg).
var strengthRe = regexp.MustCompile(`([0-9]+(?:\.[0-9]+)?)MG`)

// dailyMg is strength × quantity / days; ok is false when the name carries
// no strength in mg or the row is not per day.
func dailyMg(m Medication) (mg float64, ok bool) {
	if m.Days <= 0 || m.Amount <= 0 {
		return 0, false
	}
	if fold(m.Unit) == "MG" {
		return m.Amount / float64(m.Days), true
	}
	s := strengthRe.FindStringSubmatch(fold(m.Drug))
	if s == nil {
		return 0, false
	}
	strength, err := strconv.ParseFloat(s[1], 64)
	if err != nil {
		return 0, false
	}
	return strength * m.Amount / float64(m.Days), true
}

func overlaps(a, b Medication) bool {
	return !supplyEnd(a).Before(b.Date) && !supplyEnd(b).Before(a.Date)
}

func prescriberOf(m Medication) string { return cmp.Or(m.Prescriber, m.Institution) }

// hypnoticAlert flags the same hypnotic from two or more institutions with
// overlapping supply, or a daily amount over the label maximum, counting
// supplies that overlap together (the seed's doctor shopping), within the
// lookback.
func hypnoticAlert(dc *DrugClass, newest []Medication, on Date) (Alert, bool) {
	rows := inLookback(newest, on)
	if len(rows) == 0 {
		return Alert{}, false
	}
	// The peak daily amount is reached on the first day of some supply:
	// sum every supply covering that day.
	var institutions []string
	peak, duplicate := 0.0, false
	for _, m := range rows {
		sum := 0.0
		for _, o := range rows {
			if !m.Date.Before(o.Date) && !supplyEnd(o).Before(m.Date) {
				if mg, ok := dailyMg(o); ok {
					sum += mg
				}
			}
			duplicate = duplicate || prescriberOf(m) != prescriberOf(o) && overlaps(m, o)
		}
		peak = max(peak, sum)
		if p := prescriberOf(m); !slices.Contains(institutions, p) {
			institutions = append(institutions, p)
		}
	}
	overdose := dc.MaxDailyMg > 0 && peak > dc.MaxDailyMg+1e-9
	if !duplicate && !overdose {
		return Alert{}, false
	}
	slices.Sort(institutions)
	a := coverageAlert(AlertHypnotic, dc, rows, on)
	a.Severity = SeverityWarning
	a.Institutions = institutions
	a.Duplicate, a.Overdose = duplicate, overdose
	a.MgPerDay = math.Round(peak*100) / 100
	a.MaxMgPerDay = dc.MaxDailyMg
	var what []string
	if duplicate {
		what = append(what, fmt.Sprintf("%d医療機関から重複処方", len(institutions)))
	}
	if overdose {
		what = append(what, fmt.Sprintf("%smg/日（上限%smg/日の%.1f倍）", num(a.MgPerDay), num(dc.MaxDailyMg), peak/dc.MaxDailyMg))
	}
	a.Title = fmt.Sprintf("睡眠薬: %s — %s", dc.Ingredient, strings.Join(what, "、"))
	a.Detail += "。処方元: " + strings.Join(institutions, "、")
	if !overdose && a.MgPerDay > 0 {
		a.Detail += fmt.Sprintf("。重なる期間の合計 %smg/日（上限%smg/日）", num(a.MgPerDay), num(dc.MaxDailyMg))
	}
	return a, true
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// regularInstitutionAlert ranks the institutions (pharmacies aside: they
// dispense, they do not follow the patient) by months with a visit in the
// lookback, then by the latest visit.
func regularInstitutionAlert(visits []Visit, on Date) (Alert, bool) {
	from, to := on.MonthOf().Add(-(lookbackMonths - 1)), on.MonthOf()
	months := map[string]map[Month]bool{}
	for _, v := range visits {
		if v.Setting == Pharmacy || v.Month.Compare(from) < 0 || v.Month.Compare(to) > 0 {
			continue
		}
		if months[v.Institution] == nil {
			months[v.Institution] = map[Month]bool{}
		}
		months[v.Institution][v.Month] = true
	}
	if len(months) == 0 {
		return Alert{}, false
	}
	var rank []InstitutionVisits
	for inst, ms := range months {
		iv := InstitutionVisits{Institution: inst, Months: len(ms)}
		for m := range ms {
			if m.Compare(iv.Latest) > 0 {
				iv.Latest = m
			}
		}
		rank = append(rank, iv)
	}
	slices.SortFunc(rank, func(a, b InstitutionVisits) int {
		return cmp.Or(cmp.Compare(b.Months, a.Months), b.Latest.Compare(a.Latest), strings.Compare(a.Institution, b.Institution))
	})
	lines := make([]string, len(rank))
	for i, r := range rank {
		lines[i] = fmt.Sprintf("%s %dか月（最終受診 %s）", r.Institution, r.Months, r.Latest.Japanese())
	}
	top := rank[0]
	return Alert{
		Kind:     AlertRegularInstitution,
		Severity: SeverityInfo,
		Title: fmt.Sprintf("かかりつけ候補: %s — 直近%dか月中%dか月受診、最終受診 %s",
			top.Institution, lookbackMonths, top.Months, top.Latest.Japanese()),
		Detail:  fmt.Sprintf("直近%dか月の受診月数: %s", lookbackMonths, strings.Join(lines, "、")),
		Ranking: rank,
	}, true
}
