// Package oqs talks to the online qualification system (オンライン資格確認等
// システム) through its connector's folder exchange: it writes request XML
// into the req folder, reads result XML from the res folder into a
// summary.Record, and watches for face-authentication qualification results.
// It also renders records as result XML, for the connector simulator.
//
// The official external interface specification is not public here: every
// element name and every inferred value meaning lives in this file, so that
// a correction is a one-line change.
package oqs

import "kyukyu/summary"

// File name prefixes of the exchange (domain.md §4).
const (
	drugRequestPrefix    = "YZKsiquc01req_" // 薬剤情報 with 診療情報
	drugResultPrefix     = "YZKsiquc01res_"
	checkupRequestPrefix = "TKKsiquc01req_" // 特定健診
	checkupResultPrefix  = "TKKsiquc01res_"
	faceResultPrefix     = "OQSsiquc01res_face_" // qualification by a face-auth reader
	xmlSuffix            = ".xml"
	rootElement          = "XmlMsg"
	headerElement        = "MessageHeader"
	bodyElement          = "MessageBody"
	resultCodeElement    = "ResultCode"
	messageElement       = "MessageContents"
	resultCodeOK         = "1"
	// FileCategory carries the category % 10 (OQSDrug2: 11/12 drug PDF/XML,
	// 13/14 drug+診療 PDF/XML, 101/102 checkup PDF/XML): odd = PDF, even = XML.
	fileCategoryDrugs     = "4" // 薬剤+診療情報 XML: 2 would bring no surgery, procedures or dialysis
	fileCategoryDrugsOnly = "2"
	fileCategoryCheckups  = "2" // 102 % 10
	prDiInfClassification = "1"
	// treatmentFaceToFace is MedicalTreatmentFlag 1, the kind of care.
	// Inferred from OQSDrug2 GetMedicalTreatmentFlag (照会区分 B → 2, C → 3,
	// else 1; added for home-visit and online care): 1 face-to-face,
	// 2 home visit, 3 online. An emergency room is face-to-face.
	treatmentFaceToFace = "1"
)

// requestNames are the request elements (domain.md §4; OQSDrug2 GenerateXML).
var requestNames = struct {
	Institution, Insurer, Symbol, Number, Branch, FileID string
	Start, End, FileCategory, PrDiInf, Treatment         string
}{
	"MedicalInstitutionCode", "InsurerNumber", "InsuranceCardSymbol", "InsuredPersonIdentificationNumber",
	"BranchNumber", "ArbitraryFileIdentifier",
	"StartDate", "EndDate", "FileCategory", "PrDiInfClassification", "MedicalTreatmentFlag",
}

// patientNames locate the patient in a result header (OQSDrug2: QuaInf in
// the drug result, QualificationsInfo in the checkup result). Insurance
// numbers echoed in a result header have no public evidence: they are
// compared with the request only when present (requestNames), never required.
type patientNames struct {
	Container, Name, Kana, Birth, Sex string
}

var (
	drugPatient    = patientNames{"QuaInf", "Name", "KanaName", "Birth", "AdmGendCode"}
	checkupPatient = patientNames{"QualificationsInfo", "Name", "KanasName", "Birthday", "AdministrativeGenderCode"}
)

// tree is one of the three month trees of a drug result.
type tree int

const (
	receipts      tree = iota // MeTrMonthInf: レセプト (薬剤情報 and 診療情報)
	dispensing                // CzDiInf: 電子処方箋 調剤結果
	prescriptions             // ShPrInf: 電子処方箋 処方
)

// treeNames are the element names of one month tree, from OQSDrug2's mapping.
type treeNames struct {
	Path                                     []string // from MessageBody to a month node
	Origin, InstCode, InstName               string
	PrescriberCode, PrescriberName, Month    string
	OwnPrescription, Setting                 string
	Days                                     []string // from a month node to a day node
	Date, PrescriptionDate                   string
	Drugs                                    []string // from a day node to a drug node
	DrugCode, DrugName, Ingredient, Quantity string
	Unit, Usage, Instruction, Times, Class   string
}

// treeTable is THE element-name table of the three trees.
var treeTable = map[tree]treeNames{
	receipts: {
		Path:   []string{"MeTrMonthInf"},
		Origin: "DiOrg", InstCode: "MeTrDiHCd", InstName: "MeTrDiHNm",
		PrescriberCode: "PrlsHCd", PrescriberName: "PrlsHNm", Month: "MeTrMonth",
		OwnPrescription: "PrIsOrg", Setting: "InOut",
		Days: []string{"DiDateInfs", "DiDateInf"}, Date: "DiDate", PrescriptionDate: "PrDate",
		Drugs:    []string{"DrugInfs", "DrugInf"},
		DrugCode: "DrugC", DrugName: "DrugN", Ingredient: "IngreN", Quantity: "Qua1",
		Unit: "Unit", Usage: "UsageN", Instruction: "SpInst", Times: "Times", Class: "MeTrIdCl",
	},
	dispensing: {
		Path:   []string{"CzDiInf", "CzDiMonthInf"},
		Origin: "CzDiOrg", InstCode: "CzMeTrDiHCd", InstName: "CzMeTrDiHNm",
		PrescriberCode: "CzPrlsHCd", PrescriberName: "CzPrlsHNm", Month: "CzDiMonth",
		OwnPrescription: "CzPrIsOrg", Setting: "CzPrCl",
		Days: []string{"CzDiDateInfs", "CzDiDateInf"}, Date: "CzDiDate", PrescriptionDate: "CzPrDate",
		Drugs:    []string{"CzDrugInfs", "CzDrugInf"},
		DrugCode: "CzDrugC", DrugName: "CzDrugN", Ingredient: "CzIngreN", Quantity: "CzQua1",
		Unit: "CzUnit", Usage: "CzUsageN", Instruction: "CzSpInst", Times: "CzTimes", Class: "CzUsageCl",
	},
	prescriptions: {
		Path:   []string{"ShPrInf", "ShPrMonthInf"},
		Origin: "ShPrOrg", InstCode: "ShMeTrDiHCd", InstName: "ShMeTrDiHNm",
		PrescriberCode: "ShPrHCd", PrescriberName: "ShPrHNm", Month: "ShPrMonth",
		OwnPrescription: "ShPrIsOrg", Setting: "ShPrCl",
		Days: []string{"ShPrDateInfs", "ShPrDateInf"}, Date: "ShPrDate", PrescriptionDate: "ShPrDate",
		Drugs:    []string{"ShDrugInfs", "ShDrugInf"},
		DrugCode: "ShDrugC", DrugName: "ShDrugN", Ingredient: "ShIngreN", Quantity: "ShQua1",
		Unit: "ShUnit", Usage: "ShUsageN", Instruction: "ShSpInst", Times: "ShTimes", Class: "ShUsageCl",
	},
}

// rowUnits are the elements a character lost by an earlier conversion
// (U+FFFD) costs alone: a drug row, a procedure, a checkup item, a month
// node (its institution's name).
var rowUnits = func() map[string]bool {
	u := map[string]bool{procedureNames.Path[1]: true, checkupNames.Items[1]: true}
	for _, n := range treeTable {
		u[n.Drugs[1]], u[n.Path[len(n.Path)-1]] = true, true
	}
	return u
}()

// procedureNames are the 診療情報 elements inside a receipt day node.
var procedureNames = struct {
	Path                                     []string
	Name, Code, Class, Quantity, Times, Unit string
}{[]string{"MeTrInfs", "MeTrInf"}, "SinInfN", "SinInfCd", "MeTrIdCl", "Qua1", "Times", "Unit"}

// checkupNames are the 特定健診 elements (OQSDrug2 ProcessTKKAsync): exams
// anywhere as //SpecificHealthCheckupInfo, their items under the
// HealthCheckupResultAndQuestionInfos wrapper. Institution has no public
// evidence: read only when present, never required.
var checkupNames = struct {
	Exam, Date, Institution                    string
	Items                                      []string // from an exam to an item
	ItemCode, ItemName, Value, ValueName, Unit string
	DataType, Oid                              string
}{
	Exam: "SpecificHealthCheckupInfo", Date: "EffectiveTime", Institution: "MedicalInstitutionName",
	Items:    []string{"HealthCheckupResultAndQuestionInfos", "HealthCheckupResultAndQuestionInfo"},
	ItemCode: "ItemCode", ItemName: "ItemName", Value: "DataValue", ValueName: "DataValueName", Unit: "Unit",
	DataType: "DataType", Oid: "Oid",
}

// faceNames are the elements of an OQSsiquc01res_face_* qualification
// result (domain.md §4a: MynaReception's parser, the sikakuxml samples,
// OQSDrug2's exporter). Success is SegmentOfResult = 1 in the header AND
// ProcessingResultStatus = 1 in the body; these files carry no ResultCode.
var faceNames = struct {
	Segment, FileID                                       string
	Status, Validity                                      string
	Record                                                []string // from MessageBody to the record
	Name, Kana, Birth, Sex, InsuredName, Address          string
	Insurer, Symbol, Number, Branch, Expiry, ReferenceNum string
	Consent                                               [4]string // drugs, checkups, diagnoses, operations
}{
	Segment: "SegmentOfResult", FileID: "ArbitraryFileIdentifier",
	Status: "ProcessingResultStatus", Validity: "QualificationValidity",
	Record: []string{"ResultList", "ResultOfQualificationConfirmation"},
	Name:   "Name", Kana: "NameKana", Birth: "Birthdate", Sex: "Sex1", InsuredName: "InsuredName", Address: "Address",
	Insurer: "InsurerNumber", Symbol: "InsuredCardSymbol", Number: "InsuredIdentificationNumber",
	Branch: "InsuredBranchNumber", Expiry: "InsuredCardExpirationDate", ReferenceNum: "ReferenceNumber",
	Consent: [4]string{"PharmaceuticalInfoConsFlg", "SpecificHealthCheckupsInfoConsFlg", "DiagnosisInfoConsFlg", "OperationInfoConsFlg"},
}

const (
	faceSuccess = "1" // SegmentOfResult and ProcessingResultStatus of a confirmed qualification
	// consentGiven is a consent flag's "yes". Inferred: no public source
	// states the code list; OQSDrug2 only requests data when the flag is set.
	consentGiven = "1"
)

// settingCodes maps the 入院/外来/院外 class (InOut, CzPrCl, ShPrCl).
// INFERRED: OQSDrug2 stores these codes but never interprets them.
var settingCodes = map[string]summary.Setting{
	"1": summary.Inpatient,
	"2": summary.Outpatient,
	"3": summary.Pharmacy,
}

// quantityKind says how Qua1 and Times combine into a total amount.
// INFERRED: OQSDrug2 shows Qua1+Unit as the dose and counts Times.
type quantityKind int

const (
	perDay    quantityKind = iota // Qua1 a day for Times days (内服): 1錠 14日分
	perDose                       // Qua1 a dose, Times doses (頓服, 注射): 1錠 5回分
	perSupply                     // Qua1 in all, Times supplies (外用): 10g 1処方分
)

// quantityRule is one row of the quantity table: the suffix shown after the
// number of Times.
type quantityRule struct {
	Kind   quantityKind
	Suffix string
}

var quantityRules = map[quantityKind]quantityRule{
	perDay:    {perDay, "日分"},
	perDose:   {perDose, "回分"},
	perSupply: {perSupply, "処方分"},
}

// quantityClasses maps a drug row's class code to how its quantity reads,
// per tree. INFERRED (domain.md §4a: the Cz/Sh code table is unknown). Receipts carry the 診療識別 (21 内服, 22 頓服, 23 外用, 31–33
// 注射); the e-prescription trees a usage class (inferred: 1 内服, 2 内滴,
// 3 頓服, 4 注射, 5 外用). The first code of a kind is what the writer uses.
// Unknown codes read as perSupply: the total is then never overstated.
var quantityClasses = map[tree][]struct {
	Code string
	Kind quantityKind
}{
	receipts:      {{"21", perDay}, {"22", perDose}, {"23", perSupply}, {"31", perDose}, {"32", perDose}, {"33", perDose}},
	dispensing:    {{"1", perDay}, {"3", perDose}, {"5", perSupply}, {"2", perDay}, {"4", perDose}},
	prescriptions: {{"1", perDay}, {"3", perDose}, {"5", perSupply}, {"2", perDay}, {"4", perDose}},
}

// procedureKind is where a 診療行為 goes in the record.
type procedureKind int

const (
	plainProcedure procedureKind = iota
	surgery
	dialysis
)

// procedureRules pick surgeries and dialysis out of the procedures, first
// match wins: by 診療識別 (MeTrIdCl), by the 点数表 code prefix, or by name.
// INFERRED: MeTrIdCl as the receipt's 診療識別 (domain.md §4).
var procedureRules = []struct {
	Kind     procedureKind
	Class    string // the writer's MeTrIdCl for this kind
	Classes  []string
	Prefixes []string
	Names    []string
}{
	{Kind: dialysis, Class: "40", Prefixes: []string{"J038", "J042"}, Names: []string{"人工腎臓", "腹膜灌流"}},
	{Kind: surgery, Class: "50", Classes: []string{"50"}, Prefixes: []string{"K"}},
	{Kind: plainProcedure, Class: "80"},
}
