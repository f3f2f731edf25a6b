// Package summary holds the emergency summary (救急用サマリー): the patient
// record as a source delivers it, the period rules that cut it into the
// windows of the emergency and normal views, drug classes and alerts.
package summary

import (
	"context"
	"errors"
)

// Sex follows ISO 5218 as the card and the OQS carry it.
type Sex string

const (
	SexUnknown       Sex = "0"
	SexMale          Sex = "1"
	SexFemale        Sex = "2"
	SexNotApplicable Sex = "9"
)

// Japanese is the label of the sample (男/女).
func (s Sex) Japanese() string {
	switch s {
	case SexMale:
		return "男"
	case SexFemale:
		return "女"
	}
	return "不明"
}

// Insurance is the identity printed on the insurance qualification.
type Insurance struct {
	InsurerNumber string `json:"insurerNumber"` // 保険者番号, 8 or 6 digits
	Symbol        string `json:"symbol"`        // 被保険者証等記号
	Number        string `json:"number"`        // 被保険者証等番号
	Branch        string `json:"branch"`        // 枝番, two digits
}

// Patient is the header of the summary.
type Patient struct {
	Name      string    `json:"name"`
	Kana      string    `json:"kana"`
	Birth     Date      `json:"birth"`
	Sex       Sex       `json:"sex"`
	Insurance Insurance `json:"insurance"`
}

// Setting is where care happened: 入院, 外来 or 院外 (a pharmacy).
type Setting string

const (
	Inpatient  Setting = "入院"
	Outpatient Setting = "外来"
	Pharmacy   Setting = "院外"
)

// Visit is one month with care at one institution (受診歴).
type Visit struct {
	Institution string  `json:"institution"`
	Month       Month   `json:"month"`
	Setting     Setting `json:"setting"`
}

// Medication is a drug row: a dispensing result (電子処方箋 調剤結果) or a
// receipt-derived drug (薬剤情報). Amount is the total quantity supplied in
// Unit; Days the days it was supplied for (0 when not per day, e.g. an
// ointment's 1処方分), so a daily amount is Amount/Days.
type Medication struct {
	Date        Date    `json:"date"`
	Setting     Setting `json:"setting"`
	Institution string  `json:"institution"` // where it was dispensed or given
	// InstitutionCode is its 医療機関コード (MeTrDiHCd, CzMeTrDiHCd): one
	// dispensing in two trees is matched by it, not by the spelled name.
	InstitutionCode string  `json:"institutionCode,omitempty"`
	Prescriber      string  `json:"prescriber,omitempty"` // prescribing institution, when another
	Drug            string  `json:"drug"`
	Ingredient      string  `json:"ingredient"`
	Code            string  `json:"code"`        // YJ or 一般名処方 code when known
	Usage           string  `json:"usage"`       // 用法
	Dose            string  `json:"dose"`        // 1回用量
	Instruction     string  `json:"instruction"` // 用法等の特別指示
	Amount          float64 `json:"amount"`
	Unit            string  `json:"unit"`
	Days            int     `json:"days"`
	Quantity        string  `json:"quantity"` // as displayed: 42吸引, 1錠 14日分
	Class           Class   `json:"class"`
	Subclass        string  `json:"subclass,omitempty"`
	// Month is the month of a row whose day cannot be read (Date zero): its
	// month node's, so the windows still apply.
	Month Month `json:"month,omitzero"`
}

// Where is the institution as the summary prints it: the dispensing one,
// then the prescribing one in brackets when another (テスト薬局（テスト病院）).
func (m Medication) Where() string {
	if m.Prescriber != "" && m.Prescriber != m.Institution {
		return m.Institution + "（" + m.Prescriber + "）"
	}
	return m.Institution
}

// Procedure is a 診療行為 from receipts; surgeries and dialysis are
// procedures of their own kind.
type Procedure struct {
	Date        Date    `json:"date"`
	Setting     Setting `json:"setting"`
	Institution string  `json:"institution"`
	Name        string  `json:"name"`
	Code        string  `json:"code"`
	Quantity    string  `json:"quantity,omitempty"`
	Month       Month   `json:"month,omitzero"` // of an undated row, as Medication.Month
}

// CheckupResult is one measured item of a 特定健診. Value is what is shown:
// the text of a coded value (＋, はい) where the item is coded, DataValue
// then keeping the code as delivered.
type CheckupResult struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Value     string `json:"value"`
	Unit      string `json:"unit,omitempty"`
	DataValue string `json:"dataValue,omitempty"` // the code, when Value is its text
	DataType  string `json:"dataType,omitempty"`  // PQ, CD, CO, ST… as delivered
	Oid       string `json:"oid,omitempty"`       // the code system of a coded value
}

// Checkup is one 特定健診. The emergency view shows its date only.
type Checkup struct {
	Date        Date            `json:"date"`
	Institution string          `json:"institution,omitempty"`
	Results     []CheckupResult `json:"results,omitempty"`
}

// Record is everything a source knows of one patient, before any window.
type Record struct {
	Patient     Patient      `json:"patient"`
	Training    bool         `json:"training"`
	Visits      []Visit      `json:"visits"`
	Dispensing  []Medication `json:"dispensing"`
	Medications []Medication `json:"medications"`
	Surgeries   []Procedure  `json:"surgeries"`
	Procedures  []Procedure  `json:"procedures"`
	Dialysis    []Procedure  `json:"dialysis"`
	Checkups    []Checkup    `json:"checkups"`
	// Partial lists rows the source could not read whole (a date that is
	// not a date): they are kept undated, shown under 日付不明, and the
	// view is partial. No patient data.
	Partial []string `json:"partial,omitempty"`
	// Withheld names what a source received but does not show, and why (a
	// result file that could not be verified, a row with a lost character):
	// the rest is shown, the view is partial. No patient data.
	Withheld []string `json:"withheld,omitempty"`
}

// Identity is how a patient is found: the card's authentication
// certificate serial, or the insurance numbers typed or read.
type Identity struct {
	CertSerial string     `json:"certSerial,omitempty"` // lower-case hex
	Insurance  *Insurance `json:"insurance,omitempty"`
}

// Query asks a source for a record as of a creation date, for a mode
// (the OQS request period follows the mode).
type Query struct {
	Identity Identity
	On       Date
	Mode     Mode
}

// Source turns an identity into a full, unfiltered record.
type Source interface {
	Lookup(ctx context.Context, q Query) (*Record, error)
}

// ErrNotFound is returned by a Source that has no such patient.
var ErrNotFound = errors.New("no patient with that identity")

// ErrNoInsurance is returned by a Source that finds patients by insurance
// numbers (the OQS) for a query without them (a card's certificate alone).
var ErrNoInsurance = errors.New("this source looks patients up by insurance numbers, and none were given")

// ErrWrongPatient is matched (errors.Is) by a source's refusal of a result
// that answers for another patient than the one asked for: the window
// tells it apart without knowing the source.
var ErrWrongPatient = errors.New("the result is for another patient")

// Class is the highlight class of a drug.
type Class string

const (
	ClassNone              Class = "none"
	ClassAnticoagulant     Class = "anticoagulant"
	ClassAntiplatelet      Class = "antiplatelet"
	ClassHypnotic          Class = "hypnotic"
	ClassHypoglycemic      Class = "hypoglycemic"
	ClassSGLT2             Class = "sglt2"
	ClassGLP1              Class = "glp1" // GLP-1 and GIP/GLP-1 receptor agonists
	ClassSteroid           Class = "steroid"
	ClassImmunosuppressant Class = "immunosuppressant"
	ClassAntiepileptic     Class = "antiepileptic"
	ClassNarrowIndex       Class = "narrow-index"
	ClassOpioid            Class = "opioid"
	ClassParkinson         Class = "parkinson"
	ClassClozapine         Class = "antipsychotic-clozapine"
)

// AlertKind names what an alert is about. The drug kinds share their
// names with the classes.
type AlertKind string

const (
	AlertAnticoagulant      AlertKind = "anticoagulant"
	AlertAntiplatelet       AlertKind = "antiplatelet"
	AlertHypnotic           AlertKind = "hypnotic"
	AlertHypoglycemic       AlertKind = "hypoglycemic"
	AlertSGLT2              AlertKind = "sglt2"
	AlertGLP1               AlertKind = "glp1"
	AlertSteroid            AlertKind = "steroid"
	AlertImmunosuppressant  AlertKind = "immunosuppressant"
	AlertAntiepileptic      AlertKind = "antiepileptic"
	AlertNarrowIndex        AlertKind = "narrow-index"
	AlertOpioid             AlertKind = "opioid"
	AlertDialysis           AlertKind = "dialysis"
	AlertDevice             AlertKind = "device"
	AlertRegularInstitution AlertKind = "regular-institution"
	AlertParkinson          AlertKind = "parkinson"
	AlertClozapine          AlertKind = "antipsychotic-clozapine"
	AlertInteraction        AlertKind = "interaction" // drugs dangerous together (Interactions)
	AlertNSAID              AlertKind = "nsaid"       // only when duplicated (Duplications)
)

// Severity orders alerts on screen and paper.
type Severity string

const (
	SeverityCritical Severity = "critical"
	SeverityWarning  Severity = "warning"
	SeverityInfo     Severity = "info"
)

// Status says whether a drug is likely taken today.
type Status string

const (
	StatusCurrent       Status = "current"        // a supply covers the creation date
	StatusLikelyCurrent Status = "likely-current" // filled regularly, seen through late receipts
	StatusEnded         Status = "ended"          // the last supply ended (CoveredThrough)
	StatusUnknown       Status = "unknown"        // no days information
	// StatusUnknownDuration: a recent supply whose days cannot be read (a
	// pen whose 単位 are not known): in use for an unknown time.
	StatusUnknownDuration Status = "unknown-duration"
	// StatusRecentlyEnded: a chronic danger drug whose supply ended within
	// the receipt lag (recentlyEndedDays): receipts come late, it may go on.
	StatusRecentlyEnded Status = "recently-ended"
)

// Reason is why an alert was raised, as a key a renderer translates.
type Reason string

const (
	ReasonConcurrentInstitutions Reason = "concurrent-institutions" // ≥ 2 institutions supply it at once
	ReasonOverMax                Reason = "over-max"                // one drug over its label maximum
	ReasonOverElderlyMax         Reason = "over-elderly-max"        // over the label maximum for ≥ 65
	ReasonDiazepamTotal          Reason = "diazepam-total"          // class total over 15 mg diazepam-eq
	ReasonDualTherapy            Reason = "dual-therapy"            // two antiplatelets at once
	ReasonDuplicatedIngredient   Reason = "duplicated-ingredient"   // the same ingredient twice (aspirin)
	ReasonRegularFills           Reason = "regular-fills"           // likely-current: RegularSince … LastSeen
	ReasonDaysUnknown            Reason = "days-unknown"            // 日数不明
	ReasonAsNeeded               Reason = "as-needed"               // 頓用 only: no running supply
	ReasonLongCourse             Reason = "long-course"             // steroid ≥ 3 of the last 12 weeks
	ReasonHighDose               Reason = "high-dose"               // steroid ≥ 20 mg prednisolone-eq/day
	ReasonDailyDosing            Reason = "daily-dosing"            // a weekly drug (methotrexate) scheduled daily
	ReasonOverWeeklyMax          Reason = "over-weekly-max"         // a weekly drug over its label maximum per week
	ReasonDoseChange             Reason = "dose-change"             // a later supply of another daily dose replaced one (DoseChanges)
	ReasonEarlyRefills           Reason = "early-refills"           // dispensed over 60 days > 1.5× the need (EarlyRefills)
	ReasonDuplicate              Reason = "duplicate"               // supplied twice at once (Duplications): MgPerDay is the total
)

// Reversal is one reversal agent; Partial where it reverses only in part
// (protamine for low-molecular-weight heparin).
type Reversal struct {
	Agent   string `json:"agent"`
	Brand   string `json:"brand,omitempty"`
	Partial bool   `json:"partial,omitempty"`
}

// AlertDrug is one product an alert is about.
type AlertDrug struct {
	Code       string `json:"code,omitempty"`
	Name       string `json:"name"`
	Ingredient string `json:"ingredient"`
}

// DoseChange is one supply that replaced another of the same drug from the
// same prescriber at another daily dose, from its date.
type DoseChange struct {
	Date         Date    `json:"date"`
	Prescriber   string  `json:"prescriber"`
	FromMgPerDay float64 `json:"fromMgPerDay"`
	ToMgPerDay   float64 `json:"toMgPerDay"`
}

// EarlyRefills is what was dispensed over the refill window against what
// the prescribed daily dose needs, and the dates of the dispensings.
type EarlyRefills struct {
	WindowDays  int     `json:"windowDays"`
	DispensedMg float64 `json:"dispensedMg"`
	NeededMg    float64 `json:"neededMg"`
	Dates       []Date  `json:"dates"`
}

// AtHand is the 頓用 doses dispensed in the last AtHandDays days, in Unit
// (手元にある可能性: 40錠).
type AtHand struct {
	Amount float64 `json:"amount"`
	Unit   string  `json:"unit"`
	Days   int     `json:"days"`
	Since  Date    `json:"since"`
}

// Alert puts a danger or a lead in front of the doctor as data: renderers
// choose the words (ui, pdf, cli, ips), nothing here is a sentence.
// DateIs says what the date of a dialysis or device alert means.
type DateIs string

const (
	DateLast DateIs = "last" // the latest of a recurring series: a dialysis session
	DateDone DateIs = "done" // when a one-time procedure was done: an implant, a stent, a shunt
	// DateManaged: the last claim of a management fee (指導管理料) that
	// recurs while the patient is followed: a pacemaker clinic, home oxygen.
	DateManaged DateIs = "managed"
)

type Alert struct {
	Kind           AlertKind   `json:"kind"`
	Severity       Severity    `json:"severity"`
	Status         Status      `json:"status,omitempty"` // medication alerts
	Reasons        []Reason    `json:"reasons,omitempty"`
	Ingredient     string      `json:"ingredient,omitempty"`
	Ingredients    []string    `json:"ingredients,omitempty"`
	Subclass       string      `json:"subclass,omitempty"`
	Drugs          []AlertDrug `json:"drugs,omitempty"`
	LatestDate     Date        `json:"latestDate,omitzero"`
	DaysSupplied   int         `json:"daysSupplied,omitempty"`
	CoveredThrough Date        `json:"coveredThrough,omitzero"`
	// Likely-current (ReasonRegularFills): filled regularly from RegularSince,
	// last seen in LastSeen.
	RegularSince Month        `json:"regularSince,omitzero"`
	LastSeen     Month        `json:"lastSeen,omitzero"`
	Reversal     []Reversal   `json:"reversal,omitempty"`
	NoReversal   bool         `json:"noReversal,omitempty"` // anticoagulant with no specific agent
	Rows         []Medication `json:"rows,omitempty"`       // the evidence

	// Antiplatelet: the other antiplatelets whose supply overlaps;
	// duplicate: the other drugs of the class supplied at once.
	Concurrent []string `json:"concurrent,omitempty"`
	// Hypnotic: supplying institutions, the peak daily amount of one drug
	// against its maximum, the class total in diazepam equivalents.
	Institutions       []string `json:"institutions,omitempty"`
	MgPerDay           float64  `json:"mgPerDay,omitempty"`
	MaxMgPerDay        float64  `json:"maxMgPerDay,omitempty"`
	DiazepamEqMgPerDay float64  `json:"diazepamEqMgPerDay,omitempty"`
	// Weekly drugs (methotrexate): the peak dose per week and its label
	// maximum; over it, or a 1日N回 usage, is ReasonDailyDosing.
	MgPerWeek    float64 `json:"mgPerWeek,omitempty"`
	MaxMgPerWeek float64 `json:"maxMgPerWeek,omitempty"`
	// DoseChanges: later supplies of another daily dose that replaced what
	// still ran (assumed a dose change, not an added dose).
	DoseChanges []DoseChange `json:"doseChanges,omitempty"`
	// EarlyRefills: more dispensed over the last 60 days than the dose needs.
	EarlyRefills *EarlyRefills `json:"earlyRefills,omitempty"`
	// AtHand: 頓用 doses dispensed lately, for an overdose-relevant drug.
	AtHand *AtHand `json:"atHand,omitempty"`
	// Steroid: the peak daily dose as prednisolone.
	PrednisoloneEqMgPerDay float64 `json:"prednisoloneEqMgPerDay,omitempty"`
	// Interaction: what the combination does and what to do, as keys
	// (Interactions); Ingredients names every drug that takes part.
	Effect Effect `json:"effect,omitempty"`
	Advice string `json:"advice,omitempty"`
	// Dialysis and device: the procedure it rests on.
	Procedure *Procedure `json:"procedure,omitempty"`
	Modality  string     `json:"modality,omitempty"` // dialysis HD or PD; device kind
	DateIs    DateIs     `json:"dateIs,omitempty"`   // what the procedure's date means
	// Regular institution: institutions ranked by months with a visit in
	// the last SpanMonths months.
	Ranking    []InstitutionVisits `json:"ranking,omitempty"`
	SpanMonths int                 `json:"spanMonths,omitempty"`
	// Tied: the institutions with as many months as the first, when more
	// than one (the latest visit does not make one of them the regular).
	Tied []string `json:"tied,omitempty"`
}
