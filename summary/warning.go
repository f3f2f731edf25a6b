package summary

// WarningKind is what is doubtful about a view's data. Warnings are shown
// above the alerts; the words are chosen where they are shown.
type WarningKind string

const (
	// WarningUndated: Count rows had a date that could not be read; they
	// are listed as 日付不明 at the end of their sections and may lie
	// outside the period.
	WarningUndated WarningKind = "undated"
	// WarningInsurerNumber: the delivered 保険者番号 fails its check
	// (Insurance says how); it is shown as delivered.
	WarningInsurerNumber WarningKind = "insurer-number"
)

// Warning is one doubt about the data shown: its kind and its facts.
type Warning struct {
	Kind      WarningKind     `json:"kind"`
	Count     int             `json:"count,omitempty"`
	Insurance *InsuranceError `json:"insurance,omitempty"`
}
