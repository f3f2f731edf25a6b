package summary

// Effect is what a combination of drugs does, as a key a renderer words.
type Effect string

const (
	EffectBleeding              Effect = "bleeding"               // anticoagulant + antiplatelet(s)
	EffectLithiumToxicity       Effect = "lithium-toxicity"       // lithium cleared less
	EffectLevelChange           Effect = "level-change"           // CYP3A4/P-gp inhibitor or inducer
	EffectRespiratoryDepression Effect = "respiratory-depression" // opioid + CNS depressant
	EffectMTXToxicity           Effect = "mtx-toxicity"           // methotrexate cleared less
	EffectQT                    Effect = "qt"                     // two QT-prolonging drugs
)

// Group is a set of drugs one side of an interaction names: drugs of the
// drug table (by class or by ingredient) and drugs it does not highlight,
// by YJ prefix (oral forms) and by name, as the drug table matches them.
type Group struct {
	Classes     []Class  // every drug of these classes
	Ingredients []string // drug-table rows by their Ingredient
	Prefixes    []string // YJ prefixes (7 characters) of other drugs, oral
	Terms       []string // their ingredient names and brand stems
	Excludes    []string // a name carrying one of these is not in the group (a topical form)
}

// Interaction is one row of THE interaction table: a drug of Drug and a
// drug of With taken at once, or two different drugs of Drug when With is
// empty (QT).
type Interaction struct {
	Effect Effect
	Drug   []Group
	With   []Group
	Advice string // what to do, a key
	// AdviceMore, when set, replaces Advice when three drugs or more take
	// part (triple antithrombotic therapy).
	AdviceMore string
	Source     string // the package insert section or guideline the row rests on
}

// The groups; prefixes are every oral product of the ingredient in the
// MHLW list of 2025-07-16 (combinations included).
var (
	// topicalNSAID: patches, gels, creams and eye drops act locally;
	// suppositories are systemic and stay.
	topicalNSAID = []string{"テープ", "パップ", "ハップ", "貼付", "パッチ", "プラスター", "ゲル", "クリーム", "軟膏", "ローション", "スプレー", "外用", "点眼", "眼科", "注"}
	nsaids       = Group{
		Prefixes: []string{"1141005", "1145001", "1145003", "1145005", "1147002", "1149001", "1149007", "1149011", "1149019", "1149026",
			"1149027", "1149029", "1149032", "1149035", "1149036", "1149037"},
		Terms: []string{"ロキソプロフェン", "ロキソニン", "イブプロフェン", "ブルフェン", "ジクロフェナク", "ボルタレン", "セレコキシブ", "セレコックス",
			"メロキシカム", "モービック", "ナプロキセン", "ナイキサン", "エトドラク", "ハイペン", "オステラック", "ロルノキシカム", "ロルカム",
			"インドメタシン", "インテバン", "アセメタシン", "ランツジール", "ザルトプロフェン", "ソレトン", "ペオン", "フルルビプロフェン", "フロベン",
			"ピロキシカム", "メフェナム酸", "ポンタール", "ナブメトン", "レリフェン", "オキサプロジン", "アルボ錠"},
		Excludes: topicalNSAID,
	}
	// Thiazide and loop diuretics, alone or in an ARB combination.
	diuretics = Group{
		Prefixes: []string{"2132003", "2132004", "2149012", "2139005", "2139008", "2139009", "2149110", "2149111", "2149112", "2149113", "2149119", "2149122"},
		Terms: []string{"ヒドロクロロチアジド", "トリクロルメチアジド", "フルイトラン", "インダパミド", "ナトリックス", "フロセミド", "ラシックス",
			"トラセミド", "ルプラック", "アゾセミド", "ダイアート", "プレミネント", "エカード", "コディオ", "ミコンビ", "イルトラ"},
		Excludes: injection,
	}
	aceInhibitors = Group{
		Prefixes: []string{"2144001", "2144002", "2144003", "2144004", "2144006", "2144008", "2144009", "2144011", "2144012"},
		Terms: []string{"エナラプリル", "レニベース", "リシノプリル", "ゼストリル", "ロンゲス", "イミダプリル", "タナトリル", "テモカプリル", "エースコール",
			"ペリンドプリル", "コバシル", "カプトプリル", "カプトリル", "デラプリル", "アデカット", "トランドラプリル", "オドリック", "アラセプリル", "セタプリル"},
		Excludes: injection,
	}
	arbs = Group{
		Prefixes: []string{"2149039", "2149040", "2149041", "2149042", "2149044", "2149046", "2149048", "2149110", "2149111", "2149112",
			"2149113", "2149114", "2149115", "2149116", "2149117", "2149118", "2149119", "2149120", "2149121", "2149122", "2190041"},
		Terms: []string{"ロサルタン", "ニューロタン", "カンデサルタン", "ブロプレス", "バルサルタン", "ディオバン", "テルミサルタン", "ミカルディス",
			"オルメサルタン", "オルメテック", "イルベサルタン", "アバプロ", "イルベタン", "アジルサルタン", "アジルバ", "サクビトリル", "エンレスト",
			"プレミネント", "エカード", "ユニシア", "エックスフォージ", "コディオ", "ミコンビ", "ミカムロ", "ミカトリオ", "レザルタス", "アイミクス", "ザクラス", "イルトラ", "カデチア"},
		Excludes: injection,
	}
	// Strong CYP3A4/P-gp inhibitors and inducers: the perpetrators the
	// victims' package inserts name (10.1 併用禁忌, 10.2 併用注意).
	cyp3a4 = Group{
		Ingredients: []string{"カルバマゼピン", "フェニトイン", "フェニトイン・フェノバルビタール", "フェノバルビタール"},
		Prefixes: []string{"6149003", "6199102", "6199104", "6141001", "6141002", "6141004", "6290004", "6179001", "6179002", "6290002",
			"6290003", "6250011", "6250101", "6250120", "6250109", "6250110", "6250118", "6164001", "6169001"},
		Terms: []string{"クラリスロマイシン", "クラリス", "クラリシッド", "エリスロマイシン", "エリスロシン", "イトラコナゾール", "イトリゾール",
			"ボリコナゾール", "ブイフェンド", "ポサコナゾール", "ノクサフィル", "フルコナゾール", "ジフルカン", "フロリードゲル経口",
			"リトナビル", "ノービア", "カレトラ", "パキロビッド", "コビシスタット", "ゲンボイヤ", "プレジコビックス", "シムツーザ", "スタリビルド",
			"リファンピシン", "リファジン", "リファブチン", "ミコブティン"},
		Excludes: []string{"腟", "外用", "クリーム", "軟膏", "点眼", "眼科", "注"},
	}
	trimethoprim = Group{Prefixes: []string{"6290100"}, Terms: []string{"トリメトプリム", "バクタ", "バクトラミン", "ダイフェン"}, Excludes: injection}
	// Benzodiazepines and Z-drugs are the hypnotic rows with a diazepam
	// equivalence, with the antiepileptic benzodiazepines; gabapentinoids
	// beside them.
	cnsDepressants = Group{
		Ingredients: append([]string{"クロナゼパム", "クロバザム", "ガバペンチン"}, diazepamEquivalent()...),
		Prefixes:    []string{"1190017", "1190026"},
		Terms:       []string{"プレガバリン", "リリカ", "ミロガバリン", "タリージェ"},
	}
	// Known risk of torsades de pointes (CredibleMeds), oral forms.
	qtDrugs = Group{
		Ingredients: []string{"アミオダロン", "メサドン"},
		Prefixes: []string{"1171001", "1171005", "1179016", "1179020", "1179054", "1190012", "2121001", "2122001", "2122002", "2129002",
			"2129005", "2129009", "2129011", "2129013", "2329009", "2391001", "2399005", "3999038", "6149003", "6141001", "6141002", "6141004",
			"6149004", "6241008", "6241013", "6241016", "6290002"},
		Terms: []string{"ソタロール", "ソタコール", "ジソピラミド", "リスモダン", "ベプリジル", "ベプリコール", "フレカイニド", "タンボコール",
			"プロカインアミド", "アミサリン", "キニジン", "ハロペリドール", "セレネース", "クロルプロマジン", "コントミン", "ウインタミン",
			"スルピリド", "ドグマチール", "クラリスロマイシン", "クラリス", "エリスロマイシン", "エリスロシン", "アジスロマイシン", "ジスロマック",
			"レボフロキサシン", "クラビット", "モキシフロキサシン", "アベロックス", "シプロフロキサシン", "シプロキサン", "フルコナゾール", "ジフルカン",
			"エスシタロプラム", "レクサプロ", "ドネペジル", "アリセプト", "オンダンセトロン", "ドンペリドン", "ナウゼリン", "ヒドロキシクロロキン", "プラケニル"},
		Excludes: []string{"点眼", "眼科", "眼軟膏", "耳科", "軟膏", "クリーム", "外用", "テープ", "坐", "注"},
	}
)

// diazepamEquivalent lists the hypnotic rows that have a diazepam
// equivalence: the benzodiazepines and Z-drugs.
func diazepamEquivalent() []string {
	var out []string
	for _, dc := range DrugClasses {
		if dc.Class == ClassHypnotic && dc.DiazepamEq5 > 0 {
			out = append(out, dc.Ingredient)
		}
	}
	return out
}

// Interactions is THE table of combinations that change the first hour.
// A drug takes part when it may be taken today (a supply covers the
// creation date, regular refills seen through late receipts, a danger drug
// ended recently, a pen whose days are unknown), from the rows in scope:
// in emergency mode only the emergency windows.
var Interactions = []Interaction{
	{Effect: EffectBleeding, Drug: []Group{{Classes: []Class{ClassAnticoagulant}}}, With: []Group{{Classes: []Class{ClassAntiplatelet}}},
		Advice: "bleeding-dual", AdviceMore: "bleeding-triple",
		Source: "日本循環器学会 2020年JCSガイドライン フォーカスアップデート版 冠動脈疾患患者における抗血栓療法; 各抗凝固薬 添付文書 10.2 併用注意（抗血小板剤）"},
	{Effect: EffectLithiumToxicity, Drug: []Group{{Ingredients: []string{"炭酸リチウム"}}}, With: []Group{nsaids, diuretics, aceInhibitors, arbs},
		Advice: "lithium", Source: "リーマス錠 添付文書 10.2 併用注意（非ステロイド性消炎鎮痛剤、チアジド系利尿剤・ループ利尿剤、ACE阻害剤、アンジオテンシンII受容体拮抗剤）"},
	{Effect: EffectLevelChange, Drug: []Group{{Ingredients: []string{"カルバマゼピン", "フェニトイン", "フェニトイン・フェノバルビタール"}}}, With: []Group{cyp3a4},
		Advice: "level-antiepileptic", Source: "テグレトール錠 添付文書 10.1 併用禁忌・10.2 併用注意（CYP3A4阻害剤・誘導剤）; アレビアチン錠 添付文書 10.2 併用注意"},
	{Effect: EffectLevelChange, Drug: []Group{{Ingredients: []string{"ワルファリンカリウム"}}}, With: []Group{cyp3a4},
		Advice: "level-warfarin", Source: "ワーファリン錠 添付文書 10.1 併用禁忌（ミコナゾール）・10.2 併用注意（アゾール系抗真菌剤、マクロライド系抗生物質、リファンピシン、カルバマゼピン）"},
	{Effect: EffectLevelChange, Drug: []Group{{Ingredients: []string{"ダビガトラン", "エドキサバン", "リバーロキサバン", "アピキサバン"}}}, With: []Group{cyp3a4},
		Advice: "level-doac", Source: "エリキュース錠・イグザレルト錠・リクシアナ錠・プラザキサカプセル 添付文書 10.1 併用禁忌・10.2 併用注意（P-糖蛋白・CYP3A4の阻害剤・誘導剤）"},
	{Effect: EffectLevelChange, Drug: []Group{{Ingredients: []string{"タクロリムス", "シクロスポリン"}}}, With: []Group{cyp3a4},
		Advice: "level-calcineurin", Source: "プログラフ・ネオーラル 添付文書 10.1 併用禁忌・10.2 併用注意（CYP3A4阻害剤・誘導剤）"},
	{Effect: EffectRespiratoryDepression, Drug: []Group{{Classes: []Class{ClassOpioid}}}, With: []Group{cnsDepressants},
		Advice: "respiratory", Source: "オピオイド各製剤 添付文書 10.2 併用注意（中枢神経抑制剤）; FDA Drug Safety Communication 2016-08-31（opioids and benzodiazepines）, 2019-12-19（gabapentinoids）"},
	{Effect: EffectMTXToxicity, Drug: []Group{{Ingredients: []string{"メトトレキサート"}}}, With: []Group{nsaids, trimethoprim},
		Advice: "mtx", Source: "リウマトレックス 添付文書 10.2 併用注意（非ステロイド性抗炎症剤、スルファメトキサゾール・トリメトプリム）"},
	{Effect: EffectQT, Drug: []Group{qtDrugs},
		Advice: "qt", Source: "CredibleMeds QTdrugs list, Known Risk of TdP; 各製剤 添付文書 10.2 併用注意（QT延長を起こすことが知られている薬剤）"},
}
