package summary

// ProcedureKind is one row of the table of procedures and surgeries that
// raise a non-drug alert: what the name or the receipt code (診療行為コード,
// the K/J/C numbers of the 点数表) says about the patient.
type ProcedureKind struct {
	Kind     AlertKind
	Modality string   // HD, PD; pacemaker, icd, valve, stent, shunt, oxygen, ventilation
	Terms    []string // in the procedure name (NFKC-folded)
	Codes    []string // 点数表 numbers the code starts with
	Excludes []string // a name carrying one of these is not this kind
	// Recurring: the procedure repeats (dialysis sessions, monthly home-care
	// fees), so its date is the last; otherwise it is when it was done.
	Recurring bool
}

// ProcedureKinds is THE table of non-drug alerts, in the order of danger
// the alerts of a kind are shown in. The first row that matches wins:
// 腹膜透析 before 人工腎臓, ICD before pacemaker (a ペースメーカー機能付き
// 除細動器 is an ICD).
var ProcedureKinds = []ProcedureKind{
	{Kind: AlertDialysis, Modality: "PD", Terms: []string{"腹膜透析", "腹膜灌流"}, Codes: []string{"J042", "C102"}, Recurring: true},
	{Kind: AlertDialysis, Modality: "HD", Terms: []string{"人工腎臓", "血液透析", "血液濾過"}, Codes: []string{"J038", "C102-2"}, Recurring: true},
	{Kind: AlertDevice, Modality: "icd", Terms: []string{"除細動器", "ICD"}, Codes: []string{"K599"}, Excludes: []string{"体外"}},
	{Kind: AlertDevice, Modality: "pacemaker", Terms: []string{"ペースメーカー"}, Codes: []string{"K597", "K598"}, Excludes: []string{"体外", "一時的"}},
	{Kind: AlertDevice, Modality: "valve", Terms: []string{"弁置換", "経カテーテル大動脈弁", "弁形成"}, Codes: []string{"K555", "K554", "K557"}},
	{Kind: AlertDevice, Modality: "stent", Terms: []string{"冠動脈ステント"}, Codes: []string{"K549"}},
	{Kind: AlertDevice, Modality: "shunt", Terms: []string{"シャント"}, Codes: []string{"K610-3", "K616-4", "K174"}},
	{Kind: AlertDevice, Modality: "ventilation", Terms: []string{"在宅人工呼吸"}, Codes: []string{"C107"}, Recurring: true},
	{Kind: AlertDevice, Modality: "oxygen", Terms: []string{"在宅酸素"}, Codes: []string{"C103"}, Recurring: true},
}

// procedureKind finds the row of a procedure, by name then by code, and
// its index in the table (the danger order).
func procedureKind(p Procedure) (int, bool) {
	name, code := fold(p.Name), fold(p.Code)
	for i, k := range ProcedureKinds {
		if containsAny(name, foldAll(k.Excludes)) {
			continue
		}
		if containsAny(name, foldAll(k.Terms)) {
			return i, true
		}
		for _, c := range k.Codes {
			if len(code) >= len(c) && code[:len(c)] == fold(c) {
				return i, true
			}
		}
	}
	return 0, false
}
