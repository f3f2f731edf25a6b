package summary

import "slices"

// Anticoagulant subclasses (domain.md §2).
const (
	SubVKA      = "vka"
	SubThrombin = "thrombin"
	SubXa       = "xa"
	SubHeparin  = "heparin"
	SubLMWH     = "lmwh"
	SubFlush    = "flush" // heparin lock/flush syringes: not systemic anticoagulation
)

// Immunosuppressant subclasses with dangers of their own.
const (
	SubBiologic = "biologic" // self-injected biologics: no live vaccines, hold before surgery
	SubJAK      = "jak"      // JAK inhibitors
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
	// topical: words of a product applied locally (not systemic).
	topical  = []string{"軟膏", "クリーム", "ローション", "点眼", "点鼻", "点耳", "眼科", "眼耳", "耳鼻", "眼注", "口腔用", "ゲル", "ゾル", "フォーム", "テープ", "注腸", "坐薬", "外用"}
	oralOnly = []Route{RouteOral}
	// injection: any 注 in the name of a class with no rectal form.
	injection = []string{"注"}
	// notOral: the words of an injection or a topical product.
	notOral = append(slices.Clone(injection), topical...)
	// oralOrRectal: hypnotics are oral or rectal; injections are hospital use.
	oralOrRectal = []Route{RouteOral, RouteExternal}
)

// chronicDanger are the classes whose sudden stop or continued effect
// changes the first hour: a supply that ended within the receipt lag is
// recently ended, not silence (domain.md §4b). GLP-1 agonists are here too:
// weekly semaglutide and dulaglutide act for weeks after the last pen
// (half-life about a week), and the slowed stomach is an aspiration risk
// under sedation whether or not the patient is still injecting.
var chronicDanger = map[Class]bool{
	ClassAnticoagulant: true, ClassAntiplatelet: true, ClassAntiepileptic: true, ClassNarrowIndex: true,
	ClassHypoglycemic: true, ClassSteroid: true, ClassImmunosuppressant: true, ClassOpioid: true,
	ClassGLP1: true,
}

// stoppingIsDanger are the kinds whose stop is itself a danger (status
// epilepticus, withdrawal, adrenal crisis): a recently ended alert of them
// says so beside the danger of the drug.
var stoppingIsDanger = map[AlertKind]bool{AlertAntiepileptic: true, AlertOpioid: true, AlertSteroid: true}

// StoppingIsDanger says whether stopping a drug of the kind is itself a
// danger.
func (k AlertKind) StoppingIsDanger() bool { return stoppingIsDanger[k] }

// overdoseRelevant are the classes whose 頓用 doses at hand matter in an
// overdose (AtHand).
var overdoseRelevant = map[Class]bool{
	ClassHypnotic: true, ClassOpioid: true, ClassAntiepileptic: true, ClassNarrowIndex: true, ClassHypoglycemic: true,
}

// refillWatch: the drugs whose early refills mean overuse — hypnotics and
// anxiolytics, opioids (by class) and the gabapentinoids (by ingredient).
var (
	refillWatchClasses     = map[Class]bool{ClassHypnotic: true, ClassOpioid: true}
	refillWatchIngredients = []string{"ガバペンチン", "プレガバリン", "ミロガバリン"}
)

func refillWatch(dc *DrugClass) bool {
	return refillWatchClasses[dc.Class] || slices.Contains(refillWatchIngredients, dc.Ingredient)
}

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

	// Traps of the other classes: names that contain their words.
	// Levodopa and dopamine agonists (do not stop abruptly: an NMS-like
	// syndrome), every route (patches, the home infusion); apomorphine
	// before the opioids, whose モルヒネ it contains.
	{Prefixes: []string{"1169400"}, Ingredient: "アポモルヒネ", Terms: []string{"アポモルヒネ", "アポカイン"}, Class: ClassParkinson},
	{Prefixes: []string{"1164001", "1164400", "1169100", "1169101", "1169102", "1169500"}, Ingredient: "レボドパ", Terms: []string{"レボドパ", "ドパストン", "ドパゾール", "ドパコール", "メネシット", "ドパール", "マドパー", "スタレボ", "デュオドーパ", "ヴィアレブ", "カルコーパ"}, Class: ClassParkinson},
	{Prefixes: []string{"1169012"}, Ingredient: "プラミペキソール", Terms: []string{"プラミペキソール", "ビ・シフロール", "ミラペックス"}, Class: ClassParkinson},
	{Prefixes: []string{"1169013", "1169701"}, Ingredient: "ロピニロール", Terms: []string{"ロピニロール", "レキップ", "ハルロピ"}, Class: ClassParkinson},
	{Prefixes: []string{"1169700"}, Ingredient: "ロチゴチン", Terms: []string{"ロチゴチン", "ニュープロ"}, Class: ClassParkinson},
	{Prefixes: []string{"1169005"}, Ingredient: "ブロモクリプチン", Terms: []string{"ブロモクリプチン", "パーロデル"}, Class: ClassParkinson},
	{Prefixes: []string{"1169008"}, Ingredient: "ペルゴリド", Terms: []string{"ペルゴリド", "ペルマックス"}, Class: ClassParkinson},
	{Prefixes: []string{"1169011"}, Ingredient: "カベルゴリン", Terms: []string{"カベルゴリン", "カバサール"}, Class: ClassParkinson},

	// Clozapine: agranulocytosis, myocarditis.
	{Prefixes: []string{"1179049"}, Ingredient: "クロザピン", Terms: []string{"クロザピン", "クロザリル"}, Class: ClassClozapine},
	{Prefixes: []string{"1169015"}, Ingredient: "ゾニサミド（パーキンソン病）", Terms: []string{"ゾニサミド", "トレリーフ"}, Class: ClassNone, Requires: []string{"TRE", "トレリーフ"}},
	{Prefixes: []string{"1190020"}, Ingredient: "ガバペンチン エナカルビル", Terms: []string{"エナカルビル", "レグナイト"}, Class: ClassNone},

	// Antiepileptics (oral; missed doses lead to status epilepticus). Before
	// the hypnotics: フェニトイン・フェノバルビタール is an antiepileptic.
	{Prefixes: []string{"1131001"}, Ingredient: "アセチルフェネトライド", Terms: []string{"アセチルフェネトライド", "クランポール"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1132001"}, Ingredient: "エトトイン", Terms: []string{"エトトイン", "アクセノン"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139100", "1139103", "1139104", "1139105"}, Ingredient: "フェニトイン・フェノバルビタール", Terms: []string{"フェニトイン・フェノバルビタール", "複合アレビアチン", "ヒダントール"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1132002"}, Ingredient: "フェニトイン", Terms: []string{"フェニトイン", "アレビアチン"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1133002"}, Ingredient: "トリメタジオン", Terms: []string{"トリメタジオン", "ミノアレ"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1135002"}, Ingredient: "プリミドン", Terms: []string{"プリミドン"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1137001"}, Ingredient: "スルチアム", Terms: []string{"スルチアム", "オスポロット"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139001"}, Ingredient: "エトスクシミド", Terms: []string{"エトスクシミド", "エピレオプチマル", "ザロンチン"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139002"}, Ingredient: "カルバマゼピン", Terms: []string{"カルバマゼピン", "テグレトール"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139003"}, Ingredient: "クロナゼパム", Terms: []string{"クロナゼパム", "ランドセン", "リボトリール"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139004"}, Ingredient: "バルプロ酸ナトリウム", Terms: []string{"バルプロ酸", "デパケン", "セレニカ"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139005"}, Ingredient: "ゾニサミド", Terms: []string{"ゾニサミド", "エクセグラン"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139006"}, Ingredient: "クロバザム", Terms: []string{"クロバザム", "マイスタン"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139007"}, Ingredient: "ガバペンチン", Terms: []string{"ガバペンチン", "ガバペン"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139008"}, Ingredient: "トピラマート", Terms: []string{"トピラマート", "トピナ"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139009"}, Ingredient: "ラモトリギン", Terms: []string{"ラモトリギン", "ラミクタール"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139010"}, Ingredient: "レベチラセタム", Terms: []string{"レベチラセタム", "イーケプラ"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139011"}, Ingredient: "スチリペントール", Terms: []string{"スチリペントール", "ディアコミット"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139012"}, Ingredient: "ルフィナミド", Terms: []string{"ルフィナミド", "イノベロン"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139013"}, Ingredient: "ビガバトリン", Terms: []string{"ビガバトリン", "サブリル"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139014"}, Ingredient: "ペランパネル", Terms: []string{"ペランパネル", "フィコンパ"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139015"}, Ingredient: "ラコサミド", Terms: []string{"ラコサミド", "ビムパット"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139016"}, Ingredient: "フェンフルラミン", Terms: []string{"フェンフルラミン", "フィンテプラ"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"1139017"}, Ingredient: "ブリーバラセタム", Terms: []string{"ブリーバラセタム", "ブリィビアクト"}, Class: ClassAntiepileptic, Excludes: injection, Routes: oralOnly},

	// Hypoglycaemics: insulins, sulfonylureas, glinides and their
	// combinations (hypoglycaemia, a cause of coma that may last).
	{Prefixes: []string{"3969500", "3969501"}, Ingredient: "インスリン・GLP-1受容体作動薬", Terms: []string{"ゾルトファイ", "ソリクア"}, Class: ClassHypoglycemic},
	{Prefixes: []string{"2492403", "2492413", "2492414", "2492415", "2492416", "2492417", "2492418", "2492419", "2492420", "2492421", "2492422", "2492423", "2492424", "2492500"}, Ingredient: "インスリン", Terms: []string{"インスリン", "ノボリン", "ヒューマリン", "ヒューマログ", "ノボラピッド", "フィアスプ", "ランタス", "レベミル", "アピドラ", "トレシーバ", "アウィクリ", "ライゾデグ", "ルムジェブ"}, Class: ClassHypoglycemic},
	{Prefixes: []string{"3969101"}, Ingredient: "ピオグリタゾン・グリメピリド", Terms: []string{"ソニアス"}, Class: ClassHypoglycemic},
	{Prefixes: []string{"3969102"}, Ingredient: "ミチグリニド・ボグリボース", Terms: []string{"グルベス"}, Class: ClassHypoglycemic},
	{Prefixes: []string{"3961003"}, Ingredient: "グリベンクラミド", Terms: []string{"グリベンクラミド", "オイグルコン", "ダオニール"}, Class: ClassHypoglycemic},
	{Prefixes: []string{"3961004"}, Ingredient: "クロルプロパミド", Terms: []string{"クロルプロパミド"}, Class: ClassHypoglycemic},
	{Prefixes: []string{"3961006"}, Ingredient: "トルブタミド", Terms: []string{"トルブタミド"}, Class: ClassHypoglycemic},
	{Prefixes: []string{"3961007"}, Ingredient: "グリクラジド", Terms: []string{"グリクラジド", "グリミクロン"}, Class: ClassHypoglycemic},
	{Prefixes: []string{"3961008"}, Ingredient: "グリメピリド", Terms: []string{"グリメピリド", "アマリール"}, Class: ClassHypoglycemic},
	{Prefixes: []string{"3969006"}, Ingredient: "ナテグリニド", Terms: []string{"ナテグリニド", "スターシス", "ファスティック"}, Class: ClassHypoglycemic},
	{Prefixes: []string{"3969008"}, Ingredient: "ミチグリニド", Terms: []string{"ミチグリニド", "グルファスト"}, Class: ClassHypoglycemic},
	{Prefixes: []string{"3969013"}, Ingredient: "レパグリニド", Terms: []string{"レパグリニド", "シュアポスト"}, Class: ClassHypoglycemic},

	// GLP-1 and GIP/GLP-1 receptor agonists, pens (weekly or daily) and the
	// oral semaglutide: gastric emptying slowed for weeks (aspiration under
	// sedation or anaesthesia), hypoglycaemia beside insulin or a
	// sulfonylurea, pancreatitis. Not hypoglycaemics on their own. After
	// the insulins: ゾルトファイ and ソリクア contain insulin.
	{Prefixes: []string{"2499410"}, Ingredient: "リラグルチド", Terms: []string{"リラグルチド", "ビクトーザ", "サクセンダ"}, Class: ClassGLP1},
	{Prefixes: []string{"2499416"}, Ingredient: "デュラグルチド", Terms: []string{"デュラグルチド", "トルリシティ"}, Class: ClassGLP1},
	{Prefixes: []string{"2499014", "2499418"}, Ingredient: "セマグルチド", Terms: []string{"セマグルチド", "オゼンピック", "リベルサス", "ウゴービ"}, Class: ClassGLP1},
	{Prefixes: []string{"2499422"}, Ingredient: "チルゼパチド", Terms: []string{"チルゼパチド", "マンジャロ", "ゼップバウンド"}, Class: ClassGLP1},

	// SGLT2 inhibitors and their combinations (euglycaemic ketoacidosis;
	// stop before surgery).
	{Prefixes: []string{"3969106"}, Ingredient: "テネリグリプチン・カナグリフロジン", Terms: []string{"カナリア"}, Class: ClassSGLT2},
	{Prefixes: []string{"3969107"}, Ingredient: "シタグリプチン・イプラグリフロジン", Terms: []string{"スージャヌ"}, Class: ClassSGLT2},
	{Prefixes: []string{"3969108"}, Ingredient: "エンパグリフロジン・リナグリプチン", Terms: []string{"トラディアンス"}, Class: ClassSGLT2},
	{Prefixes: []string{"3969018"}, Ingredient: "イプラグリフロジン", Terms: []string{"イプラグリフロジン", "スーグラ"}, Class: ClassSGLT2},
	{Prefixes: []string{"3969019"}, Ingredient: "ダパグリフロジン", Terms: []string{"ダパグリフロジン", "フォシーガ"}, Class: ClassSGLT2},
	{Prefixes: []string{"3969020"}, Ingredient: "ルセオグリフロジン", Terms: []string{"ルセオグリフロジン", "ルセフィ"}, Class: ClassSGLT2},
	{Prefixes: []string{"3969021"}, Ingredient: "トホグリフロジン", Terms: []string{"トホグリフロジン", "デベルザ"}, Class: ClassSGLT2},
	{Prefixes: []string{"3969022"}, Ingredient: "カナグリフロジン", Terms: []string{"カナグリフロジン", "カナグル"}, Class: ClassSGLT2},
	{Prefixes: []string{"3969023"}, Ingredient: "エンパグリフロジン", Terms: []string{"エンパグリフロジン", "ジャディアンス"}, Class: ClassSGLT2},

	// Systemic corticosteroids (oral, injected, the betamethasone
	// suppository): adrenal crisis, stress dose. PrednisoloneEq is the dose
	// equal to prednisolone 5 mg. Topical, inhaled, eye and enema forms are
	// not systemic: their names carry a word of topical.
	{Prefixes: []string{"2459100"}, Ingredient: "ベタメタゾン・d-クロルフェニラミン", Terms: []string{"セレスタミン", "エンペラシン", "サクコルチン", "ヒスタブロック", "プラデスミン", "ベタセレミン", "ベタメタゾン・D-クロルフェニラミン"}, Class: ClassSteroid, PrednisoloneEq: 0.75,
		// Betamethasone 0.25 mg a tablet, 0.05 mg a mL of syrup (添付文書).
		Strengths: map[string]float64{"2459100F1": 0.25, "2459100Q1": 0.05}, Excludes: topical},
	{Prefixes: []string{"2456003", "2456400", "2456402"}, Ingredient: "メチルプレドニゾロン", Terms: []string{"メチルプレドニゾロン", "メドロール"}, Class: ClassSteroid, PrednisoloneEq: 4, Excludes: topical},
	{Prefixes: []string{"2456001", "2456002", "2456405"}, Ingredient: "プレドニゾロン", Terms: []string{"プレドニゾロン", "プレドニン"}, Class: ClassSteroid, PrednisoloneEq: 5,
		Strengths: map[string]float64{"2456001F1": 5, "2456001F2": 1, "2456001F3": 2.5}, Excludes: topical},
	{Prefixes: []string{"2454002", "2454405", "2454407"}, Ingredient: "デキサメタゾン", Terms: []string{"デキサメタゾン", "デカドロン", "レナデックス", "オルガドロン", "デキサート", "リメタゾン"}, Class: ClassSteroid, PrednisoloneEq: 0.75, Excludes: topical},
	{Prefixes: []string{"2454004", "2454404", "2454408", "2454700"}, Ingredient: "ベタメタゾン", Terms: []string{"ベタメタゾン", "リンデロン", "リノロサール"}, Class: ClassSteroid, PrednisoloneEq: 0.75, Excludes: topical},
	{Prefixes: []string{"2454003", "2454402"}, Ingredient: "トリアムシノロン", Terms: []string{"トリアムシノロン", "レダコート", "ケナコルト"}, Class: ClassSteroid, PrednisoloneEq: 4, Excludes: topical},
	{Prefixes: []string{"2452003"}, Ingredient: "フルドロコルチゾン", Terms: []string{"フルドロコルチゾン", "フロリネフ"}, Class: ClassSteroid, Excludes: topical},
	{Prefixes: []string{"2452002", "2452400", "2452402"}, Ingredient: "ヒドロコルチゾン", Terms: []string{"ヒドロコルチゾン", "コートリル", "ソル・コーテフ", "ハイドロコートン"}, Class: ClassSteroid, PrednisoloneEq: 20, Excludes: topical},
	{Prefixes: []string{"2452001"}, Ingredient: "コルチゾン", Terms: []string{"コルチゾン", "コートン"}, Class: ClassSteroid, PrednisoloneEq: 25, Excludes: topical},

	// Immunosuppressants and oral anticancer agents (infection,
	// neutropenia): calcineurin inhibitors, antimetabolites including
	// methotrexate, mTOR and JAK inhibitors, oral cytotoxics. Oral forms.
	{Prefixes: []string{"3999004"}, Ingredient: "シクロスポリン", Terms: []string{"シクロスポリン", "サンディミュン", "ネオーラル"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"3999014"}, Ingredient: "タクロリムス", Terms: []string{"タクロリムス", "プログラフ", "グラセプター"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"3999005"}, Ingredient: "アザチオプリン", Terms: []string{"アザチオプリン", "アザニン", "イムラン"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"3999002"}, Ingredient: "ミゾリビン", Terms: []string{"ミゾリビン", "ブレディニン"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"3999016", "4222001"}, Ingredient: "メトトレキサート", Terms: []string{"メトトレキサート", "リウマトレックス", "メソトレキセート"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly, MaxWeeklyMg: 16},
	{Prefixes: []string{"3999017"}, Ingredient: "ミコフェノール酸モフェチル", Terms: []string{"ミコフェノール", "セルセプト"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"3999020"}, Ingredient: "レフルノミド", Terms: []string{"レフルノミド", "アラバ錠"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"3999022", "4291023"}, Ingredient: "エベロリムス", Terms: []string{"エベロリムス", "サーティカン", "アフィニトール"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291035"}, Ingredient: "シロリムス", Terms: []string{"シロリムス", "ラパリムス"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"3999034"}, Ingredient: "トファシチニブ", Terms: []string{"トファシチニブ", "ゼルヤンツ"}, Class: ClassImmunosuppressant, Subclass: SubJAK, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"3999043"}, Ingredient: "バリシチニブ", Terms: []string{"バリシチニブ", "オルミエント"}, Class: ClassImmunosuppressant, Subclass: SubJAK, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"3999046"}, Ingredient: "ペフィシチニブ", Terms: []string{"ペフィシチニブ", "スマイラフ"}, Class: ClassImmunosuppressant, Subclass: SubJAK, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"3999048"}, Ingredient: "ウパダシチニブ", Terms: []string{"ウパダシチニブ", "リンヴォック"}, Class: ClassImmunosuppressant, Subclass: SubJAK, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"3999053"}, Ingredient: "フィルゴチニブ", Terms: []string{"フィルゴチニブ", "ジセレカ"}, Class: ClassImmunosuppressant, Subclass: SubJAK, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4490037"}, Ingredient: "アブロシチニブ", Terms: []string{"アブロシチニブ", "サイバインコ"}, Class: ClassImmunosuppressant, Subclass: SubJAK, Excludes: notOral, Routes: oralOnly},
	// Biologics, mostly self-injected at home (皮下注 pens and syringes;
	// the intravenous forms share some prefixes): infection with few signs,
	// no live vaccines, hold before surgery.
	{Prefixes: []string{"3999424", "3999448", "3999451"}, Ingredient: "エタネルセプト", Terms: []string{"エタネルセプト", "エンブレル"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"3999426", "3999457", "3999459", "3999463", "3999472"}, Ingredient: "アダリムマブ", Terms: []string{"アダリムマブ", "ヒュミラ"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"3999433"}, Ingredient: "ゴリムマブ", Terms: []string{"ゴリムマブ", "シンポニー"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"3999437"}, Ingredient: "セルトリズマブ ペゴル", Terms: []string{"セルトリズマブ", "シムジア"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"2399402", "2399403", "2399404", "2399406"}, Ingredient: "インフリキシマブ", Terms: []string{"インフリキシマブ", "レミケード"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"6399421"}, Ingredient: "トシリズマブ", Terms: []string{"トシリズマブ", "アクテムラ"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"3999444"}, Ingredient: "サリルマブ", Terms: []string{"サリルマブ", "ケブザラ"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"3999429"}, Ingredient: "アバタセプト", Terms: []string{"アバタセプト", "オレンシア"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"3999439"}, Ingredient: "セクキヌマブ", Terms: []string{"セクキヌマブ", "コセンティクス"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"3999442"}, Ingredient: "イキセキズマブ", Terms: []string{"イキセキズマブ", "トルツ"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"3999441"}, Ingredient: "ブロダルマブ", Terms: []string{"ブロダルマブ", "ルミセフ"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"3999464"}, Ingredient: "ビメキズマブ", Terms: []string{"ビメキズマブ", "ビンゼレックス"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"3999431", "3999473", "3999474", "3999475"}, Ingredient: "ウステキヌマブ", Terms: []string{"ウステキヌマブ", "ステラーラ"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"3999446"}, Ingredient: "グセルクマブ", Terms: []string{"グセルクマブ", "トレムフィア"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"3999450"}, Ingredient: "リサンキズマブ", Terms: []string{"リサンキズマブ", "スキリージ"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"2399407"}, Ingredient: "ミリキズマブ", Terms: []string{"ミリキズマブ", "オンボー"}, Class: ClassImmunosuppressant, Subclass: SubBiologic},
	{Prefixes: []string{"4211002"}, Ingredient: "シクロホスファミド", Terms: []string{"シクロホスファミド", "エンドキサン"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4221001"}, Ingredient: "メルカプトプリン", Terms: []string{"メルカプトプリン", "ロイケリン"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4223005"}, Ingredient: "カペシタビン", Terms: []string{"カペシタビン", "ゼローダ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4229001"}, Ingredient: "ヒドロキシカルバミド", Terms: []string{"ヒドロキシカルバミド", "ハイドレア"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4229101"}, Ingredient: "テガフール・ギメラシル・オテラシル", Terms: []string{"ギメラシル", "エスワン", "ティーエスワン", "エスエーワン", "TS-1"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4229100"}, Ingredient: "テガフール・ウラシル", Terms: []string{"テガフール・ウラシル", "ユーエフティ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},

	// Oral anticancer agents (neutropenia, infection): every oral product of
	// 薬効分類 42 in the MHLW list of 2025-07-16 but the endocrine therapies
	// (tamoxifen, toremifene, aromatase inhibitors, antiandrogens,
	// abiraterone); terms are the ingredient without its salt and the brand
	// stems of the list's product names.
	{Prefixes: []string{"4213002"}, Ingredient: "ブスルファン", Terms: []string{"ブスルファン", "マブリン"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4219002"}, Ingredient: "メルファラン", Terms: []string{"メルファラン", "アルケラン"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4219003"}, Ingredient: "エストラムスチン", Terms: []string{"エストラムスチン", "エストラサイト"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4219004"}, Ingredient: "テモゾロミド", Terms: []string{"テモゾロミド", "テモダール"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4223004"}, Ingredient: "ドキシフルリジン", Terms: []string{"ドキシフルリジン", "フルツロン"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4224001"}, Ingredient: "シタラビン", Terms: []string{"シタラビン", "スタラシド"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4229002"}, Ingredient: "フルダラビン", Terms: []string{"フルダラビン", "フルダラ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4240001"}, Ingredient: "エトポシド", Terms: []string{"エトポシド", "ラステットS", "ベプシド"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291002"}, Ingredient: "プロカルバジン", Terms: []string{"プロカルバジン"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291004"}, Ingredient: "ソブゾキサン", Terms: []string{"ソブゾキサン", "ペラゾリン"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291006"}, Ingredient: "トレチノイン", Terms: []string{"トレチノイン", "ベサノイド"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291011"}, Ingredient: "イマチニブ", Terms: []string{"イマチニブ", "グリベック"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291013"}, Ingredient: "ゲフィチニブ", Terms: []string{"ゲフィチニブ", "イレッサ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291014"}, Ingredient: "タミバロテン", Terms: []string{"タミバロテン", "アムノレイク"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291016"}, Ingredient: "エルロチニブ", Terms: []string{"エルロチニブ", "タルセバ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291017"}, Ingredient: "ソラフェニブ", Terms: []string{"ソラフェニブ", "ネクサバール"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291018"}, Ingredient: "スニチニブ", Terms: []string{"スニチニブ", "スーテント"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291019"}, Ingredient: "サリドマイド", Terms: []string{"サリドマイド", "サレド"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291020"}, Ingredient: "ダサチニブ", Terms: []string{"ダサチニブ", "スプリセル"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291021"}, Ingredient: "ニロチニブ", Terms: []string{"ニロチニブ", "タシグナ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291022"}, Ingredient: "ラパチニブ", Terms: []string{"ラパチニブ", "タイケルブ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291024"}, Ingredient: "レナリドミド", Terms: []string{"レナリドミド", "レブラミド"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291025"}, Ingredient: "ボリノスタット", Terms: []string{"ボリノスタット", "ゾリンザ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291026"}, Ingredient: "クリゾチニブ", Terms: []string{"クリゾチニブ", "ザーコリ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291027"}, Ingredient: "アキシチニブ", Terms: []string{"アキシチニブ", "インライタ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291028"}, Ingredient: "パゾパニブ", Terms: []string{"パゾパニブ", "ヴォトリエント"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291029"}, Ingredient: "レゴラフェニブ", Terms: []string{"レゴラフェニブ", "スチバーガ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291030"}, Ingredient: "アファチニブ", Terms: []string{"アファチニブ", "ジオトリフ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291032"}, Ingredient: "アレクチニブ", Terms: []string{"アレクチニブ", "アレセンサ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291034"}, Ingredient: "ルキソリチニブ", Terms: []string{"ルキソリチニブ", "ジャカビ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291036"}, Ingredient: "ボスチニブ", Terms: []string{"ボスチニブ", "ボシュリフ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291037"}, Ingredient: "ベムラフェニブ", Terms: []string{"ベムラフェニブ", "ゼルボラフ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291038"}, Ingredient: "ポマリドミド", Terms: []string{"ポマリドミド", "ポマリスト"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291039"}, Ingredient: "レンバチニブ", Terms: []string{"レンバチニブ", "レンビマ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291041"}, Ingredient: "バンデタニブ", Terms: []string{"バンデタニブ", "カプレルサ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291042"}, Ingredient: "ベキサロテン", Terms: []string{"ベキサロテン", "タルグレチン"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291043"}, Ingredient: "イブルチニブ", Terms: []string{"イブルチニブ", "イムブルビカ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291044"}, Ingredient: "セリチニブ", Terms: []string{"セリチニブ", "ジカディア"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291045"}, Ingredient: "オシメルチニブ", Terms: []string{"オシメルチニブ", "タグリッソ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291046"}, Ingredient: "ダブラフェニブ", Terms: []string{"ダブラフェニブ", "タフィンラー"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291047"}, Ingredient: "トラメチニブ", Terms: []string{"トラメチニブ", "メキニスト"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291048"}, Ingredient: "ポナチニブ", Terms: []string{"ポナチニブ", "アイクルシグ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291049"}, Ingredient: "イキサゾミブ", Terms: []string{"イキサゾミブ", "ニンラーロ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291050"}, Ingredient: "フォロデシン", Terms: []string{"フォロデシン", "ムンデシン"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291051"}, Ingredient: "パルボシクリブ", Terms: []string{"パルボシクリブ", "イブランス"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291052"}, Ingredient: "オラパリブ", Terms: []string{"オラパリブ", "リムパーザ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291053"}, Ingredient: "ギルテリチニブ", Terms: []string{"ギルテリチニブ", "ゾスパタ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291054"}, Ingredient: "アベマシクリブ", Terms: []string{"アベマシクリブ", "ベージニオ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291055"}, Ingredient: "ロルラチニブ", Terms: []string{"ロルラチニブ", "ローブレナ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291056"}, Ingredient: "ダコミチニブ", Terms: []string{"ダコミチニブ", "ビジンプロ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291057"}, Ingredient: "エンコラフェニブ", Terms: []string{"エンコラフェニブ", "ビラフトビ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291058"}, Ingredient: "ビニメチニブ", Terms: []string{"ビニメチニブ", "メクトビ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291060"}, Ingredient: "キザルチニブ", Terms: []string{"キザルチニブ", "ヴァンフリタ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291061"}, Ingredient: "エヌトレクチニブ", Terms: []string{"エヌトレクチニブ", "ロズリートレク"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291062"}, Ingredient: "ベネトクラクス", Terms: []string{"ベネトクラクス", "ベネクレクスタ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291064"}, Ingredient: "カボザンチニブ", Terms: []string{"カボザンチニブ", "カボメティクス"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291065"}, Ingredient: "テポチニブ", Terms: []string{"テポチニブ", "テプミトコ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291066"}, Ingredient: "チラブルチニブ", Terms: []string{"チラブルチニブ", "ベレキシブル"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291067"}, Ingredient: "カプマチニブ", Terms: []string{"カプマチニブ", "タブレクタ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291068"}, Ingredient: "ニラパリブ", Terms: []string{"ニラパリブ", "ゼジューラ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291069"}, Ingredient: "ブリグチニブ", Terms: []string{"ブリグチニブ", "アルンブリグ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291070", "4291092"}, Ingredient: "アカラブルチニブ", Terms: []string{"アカラブルチニブ", "カルケンス"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291071"}, Ingredient: "ラロトレクチニブ", Terms: []string{"ラロトレクチニブ", "ヴァイトラックビ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291072"}, Ingredient: "ペミガチニブ", Terms: []string{"ペミガチニブ", "ペマジール"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291073"}, Ingredient: "タゼメトスタット", Terms: []string{"タゼメトスタット", "タズベリク"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291074"}, Ingredient: "ツシジノスタット", Terms: []string{"ツシジノスタット", "ハイヤスタ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291075"}, Ingredient: "セルペルカチニブ", Terms: []string{"セルペルカチニブ", "レットヴィモ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291076"}, Ingredient: "ソトラシブ", Terms: []string{"ソトラシブ", "ルマケラス"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291077"}, Ingredient: "アシミニブ", Terms: []string{"アシミニブ", "セムブリックス"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291078"}, Ingredient: "ピミテスピブ", Terms: []string{"ピミテスピブ", "ジェセリ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291079"}, Ingredient: "バレメトスタット", Terms: []string{"バレメトスタット", "エザルミア"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291080"}, Ingredient: "フチバチニブ", Terms: []string{"フチバチニブ", "リトゴビ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291081"}, Ingredient: "タラゾパリブ", Terms: []string{"タラゾパリブ", "ターゼナ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291082"}, Ingredient: "カピバセルチブ", Terms: []string{"カピバセルチブ", "トルカプ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291083"}, Ingredient: "モメロチニブ", Terms: []string{"モメロチニブ", "オムジャラ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291084"}, Ingredient: "ピルトブルチニブ", Terms: []string{"ピルトブルチニブ", "ジャイパーカ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291085"}, Ingredient: "グマロンチニブ", Terms: []string{"グマロンチニブ", "ハイイータン"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291086"}, Ingredient: "レポトレクチニブ", Terms: []string{"レポトレクチニブ", "オータイロ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291087"}, Ingredient: "タスルグラチニブ", Terms: []string{"タスルグラチニブ", "タスフィゴ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291088"}, Ingredient: "フルキンチニブ", Terms: []string{"フルキンチニブ", "フリュザクラ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291089"}, Ingredient: "ザヌブルチニブ", Terms: []string{"ザヌブルチニブ", "ブルキンザ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291090"}, Ingredient: "イボシデニブ", Terms: []string{"イボシデニブ", "ティブソボ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291091"}, Ingredient: "ラゼルチニブ", Terms: []string{"ラゼルチニブ", "ラズクルーズ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4291093"}, Ingredient: "エルダフィチニブ", Terms: []string{"エルダフィチニブ", "バルバーサ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4299002"}, Ingredient: "ウベニメクス", Terms: []string{"ウベニメクス", "ベスタチン"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4299003"}, Ingredient: "アナグレリド", Terms: []string{"アナグレリド", "アグリリン"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4299004"}, Ingredient: "セルメチニブ", Terms: []string{"セルメチニブ", "コセルゴ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},
	{Prefixes: []string{"4299100"}, Ingredient: "トリフルリジン・チピラシル", Terms: []string{"トリフルリジン・チピラシル", "ロンサーフ"}, Class: ClassImmunosuppressant, Excludes: notOral, Routes: oralOnly},

	// Narrow therapeutic index (toxicity; check the level). Oral forms.
	{Prefixes: []string{"1179017"}, Ingredient: "炭酸リチウム", Terms: []string{"炭酸リチウム", "リーマス"}, Class: ClassNarrowIndex, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"2113005"}, Ingredient: "メチルジゴキシン", Terms: []string{"メチルジゴキシン", "ラニラピッド"}, Class: ClassNarrowIndex, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"2113003", "2113004"}, Ingredient: "ジゴキシン", Terms: []string{"ジゴキシン", "ジゴシン"}, Class: ClassNarrowIndex, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"2115001", "2115002"}, Ingredient: "アミノフィリン", Terms: []string{"アミノフィリン", "ネオフィリン"}, Class: ClassNarrowIndex, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"2251001"}, Ingredient: "テオフィリン", Terms: []string{"テオフィリン", "テオドール", "テオロング", "ユニフィル", "ユニコン", "スロービッド"}, Class: ClassNarrowIndex, Excludes: injection, Routes: oralOnly},
	{Prefixes: []string{"2129010"}, Ingredient: "アミオダロン", Terms: []string{"アミオダロン", "アンカロン"}, Class: ClassNarrowIndex, Excludes: injection, Routes: oralOnly},

	// Opioids, every route: patches (remove them), suppositories,
	// injections for home infusion, codeine for cough.
	{Prefixes: []string{"1149117"}, Ingredient: "トラマドール・アセトアミノフェン", Terms: []string{"トラマドール塩酸塩・アセトアミノフェン", "トラムセット", "トアラセット"}, Class: ClassOpioid,
		Counts: "トラマドール", UnitMg: 37.5}, // tramadol 37.5 mg a tablet (トラムセット配合錠 添付文書 組成)
	{Prefixes: []string{"1149038", "1149400"}, Ingredient: "トラマドール", Terms: []string{"トラマドール", "トラマール", "ツートラム", "ワントラム"}, Class: ClassOpioid},
	{Prefixes: []string{"1149034", "1149401"}, Ingredient: "ペンタゾシン", Terms: []string{"ペンタゾシン", "ソセゴン", "ペンタジン"}, Class: ClassOpioid},
	{Prefixes: []string{"1149403", "1149703", "1149704"}, Ingredient: "ブプレノルフィン", Terms: []string{"ブプレノルフィン", "レペタン", "ノルスパン"}, Class: ClassOpioid},
	{Prefixes: []string{"2229114"}, Ingredient: "ジヒドロコデイン配合剤", Terms: []string{"カフコデ"}, Class: ClassOpioid},
	{Prefixes: []string{"2242002", "8115003", "8115004"}, Ingredient: "ジヒドロコデイン", Terms: []string{"ジヒドロコデイン"}, Class: ClassOpioid},
	{Prefixes: []string{"2242001", "8115001", "8115002"}, Ingredient: "コデイン", Terms: []string{"コデイン"}, Class: ClassOpioid},
	{Prefixes: []string{"8114002"}, Ingredient: "エチルモルヒネ", Terms: []string{"エチルモルヒネ"}, Class: ClassOpioid},
	{Prefixes: []string{"8119505"}, Ingredient: "モルヒネ・アトロピン", Terms: []string{"モルヒネ・アトロピン"}, Class: ClassOpioid},
	{Prefixes: []string{"8114003", "8114004", "8114005", "8114401", "8114402", "8114700"}, Ingredient: "モルヒネ", Terms: []string{"モルヒネ", "MSコンチン", "モルペス", "パシーフ", "オプソ", "アンペック", "MSツワイスロン"}, Class: ClassOpioid},
	{Prefixes: []string{"8119002", "8119400", "8119500", "8119504"}, Ingredient: "オキシコドン", Terms: []string{"オキシコドン", "オキシコンチン", "オキノーム", "オキファスト"}, Class: ClassOpioid},
	{Prefixes: []string{"8119003", "8119401"}, Ingredient: "ヒドロモルフォン", Terms: []string{"ヒドロモルフォン", "ナルサス", "ナルラピド", "ナルベイン"}, Class: ClassOpioid},
	{Prefixes: []string{"8211001", "8211400", "8219501", "8219502"}, Ingredient: "ペチジン", Terms: []string{"ペチジン", "ペチロルファン"}, Class: ClassOpioid},
	{Prefixes: []string{"8219401"}, Ingredient: "レミフェンタニル", Terms: []string{"レミフェンタニル", "アルチバ"}, Class: ClassOpioid},
	{Prefixes: []string{"8219001", "8219400", "8219700", "8219701"}, Ingredient: "フェンタニル", Terms: []string{"フェンタニル", "デュロテップ", "フェントス", "アブストラル", "イーフェン", "ワンデュロ", "ラフェンタ"}, Class: ClassOpioid},
	{Prefixes: []string{"8219002"}, Ingredient: "メサドン", Terms: []string{"メサドン", "メサペイン"}, Class: ClassOpioid},

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
