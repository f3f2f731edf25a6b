package pdf

import (
	"time"

	"kyukyu/summary"
)

// sampleRecord is the seed's sample patient, hand-built, with an
// anticoagulant and an antiplatelet added for the highlights.
func sampleRecord() *summary.Record {
	d := func(y int, m time.Month, day int) summary.Date { return summary.NewDate(y, m, day) }
	return &summary.Record{
		Training: true,
		Patient: summary.Patient{
			Name: "診療 太郎", Kana: "シンリョウ タロウ", Birth: d(1962, 5, 21), Sex: summary.SexMale,
			Insurance: summary.Insurance{InsurerNumber: "12345678", Symbol: "1234567", Number: "12345", Branch: "00"},
		},
		Visits: []summary.Visit{
			{Institution: "資格クリニック", Month: summary.Month{Year: 2022, Month: 7}, Setting: summary.Outpatient},
			{Institution: "資格医院", Month: summary.Month{Year: 2022, Month: 6}, Setting: summary.Outpatient},
		},
		Dispensing: []summary.Medication{{
			Date: d(2022, 8, 2), Setting: summary.Pharmacy, Institution: "テスト薬局", Prescriber: "テスト病院",
			Drug: "フルティフォーム125エアゾール56吸入用", Ingredient: "フルチカゾンプロピオン酸エステル・ホルモテロールフマル酸塩水和物",
			Code: "229080100000", Usage: "1日2回朝夕食後・吸入", Dose: "1吸入", Quantity: "42吸引", Class: summary.ClassNone,
		}},
		Medications: []summary.Medication{
			{Date: d(2022, 7, 19), Setting: summary.Outpatient, Institution: "資格クリニック",
				Drug: "ゲンタマイシン硫酸塩軟膏0.1%「イワキ」", Ingredient: "ゲンタマイシン硫酸塩", Code: "263470100000",
				Quantity: "10g 1処方分", Class: summary.ClassNone},
			{Date: d(2022, 7, 19), Setting: summary.Pharmacy, Institution: "資格薬局", Prescriber: "資格クリニック",
				Drug: "ワーファリン錠1mg", Ingredient: "ワルファリンカリウム", Code: "333200100000",
				Usage: "1日1回朝食後服用", Dose: "3錠", Quantity: "3錠 28日分", Days: 28, Class: summary.ClassAnticoagulant, Subclass: "VKA"},
			{Date: d(2022, 7, 19), Setting: summary.Pharmacy, Institution: "資格薬局", Prescriber: "資格クリニック",
				Drug: "バイアスピリン錠100mg", Ingredient: "アスピリン", Code: "339900700000",
				Usage: "1日1回朝食後服用", Dose: "1錠", Quantity: "1錠 28日分", Days: 28, Class: summary.ClassAntiplatelet},
			{Date: d(2022, 6, 18), Setting: summary.Pharmacy, Institution: "オンライン薬局", Prescriber: "資格医院",
				Drug: "マイスリー錠5mg", Ingredient: "ゾルピデム酒石酸塩", Code: "112900900000",
				Usage: "1日1回就寝前服用", Dose: "1錠", Quantity: "1錠 14日分", Days: 14, Class: summary.ClassHypnotic},
		},
		Surgeries: []summary.Procedure{{Date: d(2019, 3, 4), Setting: summary.Inpatient, Institution: "資格総合病院",
			Name: "腹腔鏡下胆嚢摘出術", Code: "150254010"}},
	}
}

func sampleAlerts(on summary.Date) []summary.Alert {
	rows := sampleRecord().Medications
	// The receipt supplies ended on 2022-08-15, 11 days before the
	// creation date: recently ended, as summary.Build says of them.
	return []summary.Alert{
		{Kind: summary.AlertAnticoagulant, Severity: summary.SeverityCritical, Status: summary.StatusRecentlyEnded,
			Ingredient: "ワルファリンカリウム", Subclass: summary.SubVKA, LatestDate: summary.NewDate(2022, 7, 19), DaysSupplied: 28,
			CoveredThrough: summary.NewDate(2022, 8, 15), Rows: rows[1:2],
			Reversal: []summary.Reversal{{Agent: "メナテトレノン", Brand: "ケイツーN"}, {Agent: "乾燥濃縮人プロトロンビン複合体", Brand: "ケイセントラ"}}},
		{Kind: summary.AlertAntiplatelet, Severity: summary.SeverityWarning, Status: summary.StatusRecentlyEnded,
			Ingredient: "アスピリン", LatestDate: summary.NewDate(2022, 7, 19), DaysSupplied: 28,
			CoveredThrough: summary.NewDate(2022, 8, 15), Rows: rows[2:3]},
		{Kind: summary.AlertRegularInstitution, Severity: summary.SeverityInfo, SpanMonths: 3,
			Ranking: []summary.InstitutionVisits{{Institution: "資格クリニック", Months: 1, Latest: summary.Month{Year: 2022, Month: 7}}}},
	}
}

func sampleView() *summary.View {
	on := summary.NewDate(2022, 8, 26)
	v := summary.Build(sampleRecord(), summary.Emergency, on)
	v.Alerts = sampleAlerts(on)
	return v
}
