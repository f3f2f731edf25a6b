package summary

// Anticoagulant subclasses (domain.md §2).
const (
	SubVKA      = "vka"
	SubThrombin = "thrombin"
	SubXa       = "xa"
	SubHeparin  = "heparin"
	SubLMWH     = "lmwh"
	SubFlush    = "flush" // heparin lock/flush syringes: not systemic anticoagulation
)

// Reversal agents as a doctor orders them (domain.md §2).
var (
	reversalVKA     = []Reversal{{Agent: "メナテトレノン", Brand: "ケイツーN"}, {Agent: "乾燥濃縮人プロトロンビン複合体", Brand: "ケイセントラ"}}
	reversalDabi    = []Reversal{{Agent: "イダルシズマブ", Brand: "プリズバインド"}}
	reversalXa      = []Reversal{{Agent: "アンデキサネット アルファ", Brand: "オンデキサ"}}
	reversalHeparin = []Reversal{{Agent: "プロタミン硫酸塩"}}
	// Protamine neutralises the anti-IIa activity of a low-molecular-weight
	// heparin, its anti-Xa activity only in part.
	reversalLMWH = []Reversal{{Agent: "プロタミン硫酸塩", Partial: true}}
	aspirin      = []string{"アスピリン"}
	// oralOrRectal: hypnotics are oral or rectal; injections are hospital use.
	oralOrRectal = []Route{RouteOral, RouteExternal}
)

// DrugClasses is THE table of highlighted drugs (domain.md §2).
//
// Codes: a YJ or 一般名処方 code matches on its longest listed prefix (7
// characters; 9 where the form/strength digits separate lock/flush syringes
// from dialysis heparin within 3334402).
//
// Names: Terms are ingredient names and brand stems as they read after NFKC
// (full-width Ｋ, ｍｇ, Ｎａ become K, mg, Na), not product names copied from
// the MHLW list: a product name such as ワルファリンK錠1mg「NIG」 or
// エリキュース錠2.5mg is recognised because it contains a stem. The first
// row whose term occurs in the name wins, so rows whose terms contain
// another row's term come first: heparinoid (ヘパリン類似物質) before heparin,
// 低分子ヘパリン products before heparin, lock/flush before heparin,
// エスゾピクロン before ゾピクロン, aspirin combinations before aspirin.
// Rows of class none are traps that look like a highlighted drug.
//
// Excludes keeps a row off names that carry one of its words: the label
// maxima and the classes of hypnotics are those of the oral forms, so the
// injection サイレース静注 (1124400) is not one (注腸 is rectal and stays).
//
// Requires restricts a row to names that also carry one of its words:
// aspirin is an antiplatelet only as the low-dose enteric tablet (100 mg
// 腸溶, 81 mg, バイアスピリン); the bulk powder (1143001 アスピリン「…」) is
// an analgesic. Matching ignores case, width and spaces.
var DrugClasses = []DrugClass{
	// Traps first: they contain the words of real entries.
	{Prefixes: []string{"3339950", "2649950", "2649865"}, Ingredient: "ヘパリン類似物質", Terms: []string{"ヘパリン類似物質", "ヒルドイド"}, Class: ClassNone},
	{Prefixes: []string{"3399412"}, Ingredient: "イダルシズマブ", Terms: []string{"イダルシズマブ", "プリズバインド"}, Class: ClassNone},
	{Prefixes: []string{"3399414"}, Ingredient: "アンデキサネット アルファ", Terms: []string{"アンデキサネット", "オンデキサ"}, Class: ClassNone},
	{Prefixes: []string{"1143001"}, Ingredient: "アスピリン", Class: ClassNone}, // analgesic; by name, see Requires below

	// Anticoagulants.
	{Prefixes: []string{"3332001"}, Ingredient: "ワルファリンカリウム", Terms: []string{"ワルファリン", "ワーファリン"}, Class: ClassAnticoagulant, Subclass: SubVKA, Reversal: reversalVKA},
	{Prefixes: []string{"3339001"}, Ingredient: "ダビガトラン", Terms: []string{"ダビガトラン", "プラザキサ"}, Class: ClassAnticoagulant, Subclass: SubThrombin, Reversal: reversalDabi},
	{Prefixes: []string{"3339002"}, Ingredient: "エドキサバン", Terms: []string{"エドキサバン", "リクシアナ"}, Class: ClassAnticoagulant, Subclass: SubXa, Reversal: reversalXa},
	{Prefixes: []string{"3339003"}, Ingredient: "リバーロキサバン", Terms: []string{"リバーロキサバン", "イグザレルト"}, Class: ClassAnticoagulant, Subclass: SubXa, Reversal: reversalXa},
	{Prefixes: []string{"3339004"}, Ingredient: "アピキサバン", Terms: []string{"アピキサバン", "エリキュース"}, Class: ClassAnticoagulant, Subclass: SubXa, Reversal: reversalXa},
	{Prefixes: []string{"3339400"}, Ingredient: "フォンダパリヌクスナトリウム", Terms: []string{"フォンダパリヌクス", "アリクストラ"}, Class: ClassAnticoagulant, Subclass: SubXa},
	{Prefixes: []string{"2190408"}, Ingredient: "アルガトロバン", Terms: []string{"アルガトロバン", "ノバスタン", "スロンノン"}, Class: ClassAnticoagulant, Subclass: SubThrombin},
	{Prefixes: []string{"3334403"}, Ingredient: "ダルテパリンナトリウム", Terms: []string{"ダルテパリン", "フラグミン"}, Class: ClassAnticoagulant, Subclass: SubLMWH, Reversal: reversalLMWH},
	{Prefixes: []string{"3334404"}, Ingredient: "パルナパリンナトリウム", Terms: []string{"パルナパリン", "ローヘパ"}, Class: ClassAnticoagulant, Subclass: SubLMWH, Reversal: reversalLMWH},
	{Prefixes: []string{"3334406"}, Ingredient: "エノキサパリンナトリウム", Terms: []string{"エノキサパリン", "クレキサン"}, Class: ClassAnticoagulant, Subclass: SubLMWH, Reversal: reversalLMWH},
	// Lock/flush: 10 and 100 units/mL syringes (G1–G4) and the 1,000 units/mL
	// catheter lock (P6); the rest of 3334402 is dialysis heparin.
	{Prefixes: []string{"3334402G1", "3334402G2", "3334402G3", "3334402G4", "3334402P6"}, Ingredient: "ヘパリンナトリウム", Terms: []string{"ヘパフラッシュ", "ロック用", "フラッシュ"}, Requires: []string{"ヘパ"}, Class: ClassAnticoagulant, Subclass: SubFlush, Reversal: reversalHeparin},
	{Prefixes: []string{"3334400"}, Ingredient: "ヘパリンカルシウム", Terms: []string{"ヘパリンカルシウム", "ヘパリンCa"}, Class: ClassAnticoagulant, Subclass: SubHeparin, Reversal: reversalHeparin},
	{Prefixes: []string{"3334401", "3334402"}, Ingredient: "ヘパリンナトリウム", Terms: []string{"ヘパリン", "ヘパフィルド"}, Class: ClassAnticoagulant, Subclass: SubHeparin, Reversal: reversalHeparin},

	// Antiplatelets: combinations before their parts.
	{Prefixes: []string{"3399101"}, Ingredient: "クロピドグレル・アスピリン", Terms: []string{"クロピドグレル硫酸塩・アスピリン", "クロピドグレル・アスピリン", "コンプラビン", "ロレアス"}, Components: []string{"クロピドグレル", "アスピリン"}, Class: ClassAntiplatelet},
	{Prefixes: []string{"3399102"}, Ingredient: "アスピリン・ランソプラゾール", Terms: []string{"アスピリン・ランソプラゾール", "タケルダ"}, Components: aspirin, Class: ClassAntiplatelet},
	{Prefixes: []string{"3399103"}, Ingredient: "アスピリン・ボノプラザン", Terms: []string{"アスピリン・ボノプラザン", "キャブピリン"}, Components: aspirin, Class: ClassAntiplatelet},
	{Prefixes: []string{"3399100"}, Ingredient: "アスピリン・ダイアルミネート", Terms: []string{"アスピリン・ダイアルミネート", "バファリン配合錠A81"}, Components: aspirin, Class: ClassAntiplatelet},
	{Prefixes: []string{"3399007"}, Ingredient: "アスピリン", Terms: []string{"アスピリン"}, Requires: []string{"腸溶", "100mg", "81mg", "バイアスピリン"}, Class: ClassAntiplatelet},
	{Prefixes: []string{"3399008"}, Ingredient: "クロピドグレル", Terms: []string{"クロピドグレル", "プラビックス"}, Class: ClassAntiplatelet},
	{Prefixes: []string{"3399009"}, Ingredient: "プラスグレル", Terms: []string{"プラスグレル", "エフィエント"}, Class: ClassAntiplatelet},
	{Prefixes: []string{"3399011"}, Ingredient: "チカグレロル", Terms: []string{"チカグレロル", "ブリリンタ"}, Class: ClassAntiplatelet},
	{Prefixes: []string{"3399002"}, Ingredient: "シロスタゾール", Terms: []string{"シロスタゾール", "プレタール"}, Class: ClassAntiplatelet},
	{Prefixes: []string{"3399001"}, Ingredient: "チクロピジン", Terms: []string{"チクロピジン", "パナルジン"}, Class: ClassAntiplatelet},

	// Hypnotics, sedatives and anxiolytics (domain.md §2), oral and rectal:
	// label maximum per day (adults; ≥ 65 where the label gives one) and the
	// dose equal to diazepam 5 mg (稲垣・稲田; none for orexin antagonists,
	// melatonin agonists and barbiturates). Names that contain another row's
	// term come first: フルニトラゼパム before ニトラゼパム, エスゾピクロン before
	// ゾピクロン, the barbiturates before バルビタール. Sources of the maxima:
	// the package inserts (添付文書) of each brand named.
	{Prefixes: []string{"1129009"}, Ingredient: "ゾルピデム", Terms: []string{"ゾルピデム", "マイスリー"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 10, DiazepamEq5: 10},
	{Prefixes: []string{"1129010"}, Ingredient: "エスゾピクロン", Terms: []string{"エスゾピクロン", "ルネスタ"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 3, ElderlyMaxMg: 2, DiazepamEq5: 2.5},
	{Prefixes: []string{"1129007"}, Ingredient: "ゾピクロン", Terms: []string{"ゾピクロン", "アモバン"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 10, DiazepamEq5: 7.5},
	{Prefixes: []string{"1124007"}, Ingredient: "トリアゾラム", Terms: []string{"トリアゾラム", "ハルシオン"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 0.5, ElderlyMaxMg: 0.25, DiazepamEq5: 0.25},
	{Prefixes: []string{"1124009"}, Ingredient: "ブロチゾラム", Terms: []string{"ブロチゾラム", "レンドルミン"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 0.25, DiazepamEq5: 0.25},
	{Prefixes: []string{"1124008"}, Ingredient: "フルニトラゼパム", Terms: []string{"フルニトラゼパム", "サイレース"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 2, ElderlyMaxMg: 1, DiazepamEq5: 1},
	{Prefixes: []string{"1124030"}, Ingredient: "クアゼパム", Terms: []string{"クアゼパム", "ドラール"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 30, DiazepamEq5: 15},
	{Prefixes: []string{"1124003"}, Ingredient: "ニトラゼパム", Terms: []string{"ニトラゼパム", "ベンザリン", "ネルボン"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 10, DiazepamEq5: 5},
	{Prefixes: []string{"1124001"}, Ingredient: "エスタゾラム", Terms: []string{"エスタゾラム", "ユーロジン"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 4, DiazepamEq5: 2},
	{Prefixes: []string{"1124002"}, Ingredient: "フルラゼパム", Terms: []string{"フルラゼパム", "ダルメート"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 30, DiazepamEq5: 15},
	{Prefixes: []string{"1124005"}, Ingredient: "ハロキサゾラム", Terms: []string{"ハロキサゾラム", "ソメリン"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 10, DiazepamEq5: 5},
	{Prefixes: []string{"1124010"}, Ingredient: "ロルメタゼパム", Terms: []string{"ロルメタゼパム", "エバミール", "ロラメット"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 2, DiazepamEq5: 1},
	{Prefixes: []string{"1124013"}, Ingredient: "オキサゾラム", Terms: []string{"オキサゾラム", "セレナール"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, DiazepamEq5: 20},
	{Prefixes: []string{"1124014"}, Ingredient: "クロキサゾラム", Terms: []string{"クロキサゾラム", "セパゾン"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, DiazepamEq5: 1.5},
	{Prefixes: []string{"1124015"}, Ingredient: "クロラゼプ酸", Terms: []string{"クロラゼプ酸", "メンドン"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, DiazepamEq5: 7.5},
	{Prefixes: []string{"1124017", "1124701"}, Ingredient: "ジアゼパム", Terms: []string{"ジアゼパム", "セルシン", "ホリゾン", "ダイアップ"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 15, DiazepamEq5: 5},
	{Prefixes: []string{"1124020", "1124700"}, Ingredient: "ブロマゼパム", Terms: []string{"ブロマゼパム", "レキソタン"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, DiazepamEq5: 2.5},
	{Prefixes: []string{"1124021"}, Ingredient: "メダゼパム", Terms: []string{"メダゼパム", "レスミット"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, DiazepamEq5: 10},
	{Prefixes: []string{"1124022"}, Ingredient: "ロラゼパム", Terms: []string{"ロラゼパム", "ワイパックス"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 3, DiazepamEq5: 1.2},
	{Prefixes: []string{"1124023"}, Ingredient: "アルプラゾラム", Terms: []string{"アルプラゾラム", "コンスタン", "ソラナックス"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 2.4, DiazepamEq5: 0.8},
	{Prefixes: []string{"1124025"}, Ingredient: "メキサゾラム", Terms: []string{"メキサゾラム", "メレックス"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, DiazepamEq5: 1.67},
	{Prefixes: []string{"1124028"}, Ingredient: "クロルジアゼポキシド", Terms: []string{"クロルジアゼポキシド", "コントール", "バランス錠"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, DiazepamEq5: 10, Strengths: map[string]float64{"1124028B1": 10, "1124028B2": 100, "1124028F1": 5, "1124028F2": 10}},
	{Prefixes: []string{"1124029"}, Ingredient: "ロフラゼプ酸エチル", Terms: []string{"ロフラゼプ酸エチル", "メイラックス"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, DiazepamEq5: 1.67},
	{Prefixes: []string{"1129006"}, Ingredient: "リルマザホン", Terms: []string{"リルマザホン", "リスミー"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 2, DiazepamEq5: 2},
	{Prefixes: []string{"1179012"}, Ingredient: "クロチアゼパム", Terms: []string{"クロチアゼパム", "リーゼ錠", "リーゼ顆粒"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, DiazepamEq5: 10},
	{Prefixes: []string{"1179025"}, Ingredient: "エチゾラム", Terms: []string{"エチゾラム", "デパス"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 3, DiazepamEq5: 1.5},
	{Prefixes: []string{"1190023"}, Ingredient: "スボレキサント", Terms: []string{"スボレキサント", "ベルソムラ"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 20, ElderlyMaxMg: 15},
	{Prefixes: []string{"1190027"}, Ingredient: "レンボレキサント", Terms: []string{"レンボレキサント", "デエビゴ"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 10},
	{Prefixes: []string{"1190033"}, Ingredient: "ダリドレキサント", Terms: []string{"ダリドレキサント", "クービビック"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 50},
	{Prefixes: []string{"1190016"}, Ingredient: "ラメルテオン", Terms: []string{"ラメルテオン", "ロゼレム"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal, MaxDailyMg: 8},
	{Prefixes: []string{"1190028"}, Ingredient: "メラトニン", Terms: []string{"メラトニン", "メラトベル"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal},
	{Prefixes: []string{"1125006"}, Ingredient: "ペントバルビタール", Terms: []string{"ペントバルビタール", "ラボナ"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal},
	{Prefixes: []string{"1125001"}, Ingredient: "アモバルビタール", Terms: []string{"アモバルビタール", "イソミタール"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal},
	{Prefixes: []string{"1125003", "1125004", "1125700"}, Ingredient: "フェノバルビタール", Terms: []string{"フェノバルビタール", "フェノバール", "ワコビタール", "ルピアール"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal},
	{Prefixes: []string{"1125002"}, Ingredient: "バルビタール", Terms: []string{"バルビタール"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal},
	{Prefixes: []string{"1121001"}, Ingredient: "ブロモバレリル尿素", Terms: []string{"ブロモバレリル尿素", "ブロバリン"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal},
	{Prefixes: []string{"1123001", "1123700"}, Ingredient: "抱水クロラール", Terms: []string{"抱水クロラール", "エスクレ"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal},
	{Prefixes: []string{"1129004"}, Ingredient: "トリクロホス", Terms: []string{"トリクロホス", "トリクロリール"}, Class: ClassHypnotic, Excludes: parenteral, Routes: oralOrRectal},
}
