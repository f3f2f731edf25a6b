package summary

// ProcedureKind is one row of the table of procedures and surgeries that
// raise a non-drug alert: what the name or the receipt code (診療行為コード,
// the B/C/J/K numbers of the 点数表) says about the patient.
type ProcedureKind struct {
	Kind     AlertKind
	Modality string   // HD, PD; pacemaker, icd, valve, stent, shunt (haemodialysis access), csf-shunt, oxygen, ventilation
	Terms    []string // in the procedure name (NFKC-folded)
	Codes    []string // 点数表 numbers the code starts with
	Excludes []string // a name carrying one of these is not this kind
	// DateIs is what the procedure's date means: when a one-time procedure
	// was done (the default), the last of a series (dialysis sessions), or
	// the last claim of a management fee that recurs while the patient is
	// followed (指導管理料: never an implant date).
	DateIs DateIs
}

// ProcedureKinds is THE table of non-drug alerts, in the order of danger
// the alerts of a kind are shown in. The first row that matches wins:
// management fees before the implants they follow (ペースメーカー指導管理料
// is no implant), 腹膜透析 before 人工腎臓, ICD before pacemaker (a
// ペースメーカー機能付き除細動器 is an ICD), CSF shunts before the
// haemodialysis access (水頭症手術 is no シャント肢).
var ProcedureKinds = []ProcedureKind{
	{Kind: AlertDialysis, Modality: "PD", Terms: []string{"腹膜透析", "腹膜灌流"}, Codes: []string{"J042", "C102"}, DateIs: DateLast},
	{Kind: AlertDialysis, Modality: "HD", Terms: []string{"人工腎臓", "血液透析", "血液濾過"}, Codes: []string{"J038", "C102-2"}, DateIs: DateLast},
	// B001 12 心臓ペースメーカー指導管理料: a device followed in clinic.
	{Kind: AlertDevice, Modality: "pacemaker", Terms: []string{"ペースメーカー指導管理"}, Codes: []string{"B001-12"}, DateIs: DateManaged},
	{Kind: AlertDevice, Modality: "icd", Terms: []string{"除細動器", "ICD"}, Codes: []string{"K599"}, Excludes: []string{"体外", "着用型"}},
	{Kind: AlertDevice, Modality: "pacemaker", Terms: []string{"ペースメーカー"}, Codes: []string{"K597", "K598"}, Excludes: []string{"体外", "一時的"}},
	{Kind: AlertDevice, Modality: "valve", Terms: []string{"弁置換", "経カテーテル大動脈弁", "弁形成"}, Codes: []string{"K555", "K554", "K557"}},
	{Kind: AlertDevice, Modality: "stent", Terms: []string{"冠動脈ステント"}, Codes: []string{"K549"}},
	// Ventriculo-peritoneal, ventriculo-atrial and lumbo-peritoneal shunts
	// (K174 水頭症手術, K174-2 髄液シャント抜去術).
	{Kind: AlertDevice, Modality: "csf-shunt", Terms: []string{"水頭症", "脳室腹腔", "脳室心房", "腰部くも膜下腔", "髄液シャント", "V-Pシャント", "VPシャント", "L-Pシャント", "LPシャント"}, Codes: []string{"K174"}},
	{Kind: AlertDevice, Modality: "shunt", Terms: []string{"シャント"}, Codes: []string{"K610-3", "K616-4"}, Excludes: []string{"脳室", "髄液", "腹腔", "門脈", "胸腔"}},
	{Kind: AlertDevice, Modality: "ventilation", Terms: []string{"在宅人工呼吸"}, Codes: []string{"C107"}, DateIs: DateManaged},
	{Kind: AlertDevice, Modality: "oxygen", Terms: []string{"在宅酸素"}, Codes: []string{"C103"}, DateIs: DateManaged},
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
