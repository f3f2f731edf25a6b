package alerttext

import (
	"encoding/json"
	"strings"
	"testing"

	"kyukyu/summary"
)

// The sample's section notes, in the paper's and the terminal's words, and
// the same text as the JSON's section header.
func TestWindowNotes(t *testing.T) {
	on, _ := summary.ParseDate("2022-08-26")
	want := map[summary.Item]string{
		summary.ItemVisits:     "※直近3か月分(2022年6月～2022年8月まで)の記録を表示",
		summary.ItemDispensing: "※直近45日分(2022年7月13日～2022年8月26日まで)の記録を表示",
		summary.ItemSurgeries:  "※直近5年分(2017年9月～2022年8月まで)の記録を表示",
		summary.ItemCheckups:   "※直近の健診実施日を表示",
	}
	for _, r := range summary.Rules {
		w, ok := want[r.Item]
		if !ok {
			continue
		}
		win := r.Emergency.WindowOn(on)
		if got := Window(win, Japanese); got != w {
			t.Errorf("%s note %q, want %q", r.Item, got, w)
		}
		v := &summary.View{Sections: []summary.Section{{Item: r.Item, Window: win}}}
		Headers(v, Japanese)
		b, err := json.Marshal(v.Sections[0])
		if err != nil {
			t.Fatal(err)
		}
		if h, _ := json.Marshal(w); !strings.Contains(string(b), `"header":`+string(h)) {
			t.Errorf("%s JSON %s, want the header %s", r.Item, b, h)
		}
	}
	if got := Window(summary.Rules[0].Emergency.WindowOn(on), Language("en")); !strings.HasPrefix(got, "Last ") {
		t.Errorf("English note %q", got)
	}
}
