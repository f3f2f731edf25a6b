package training

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestWeeklyUsageAddsUp: a weekly 用法 that states its total (週1回 月曜朝・夕、
// 火曜朝（計3カプセル/週）) names as many dosing times as the total holds
// doses. A doctor in training reads it as a real prescription: 月曜朝夕 with
// 計3カプセル taught a methotrexate schedule that cannot be.
func TestWeeklyUsageAddsUp(t *testing.T) {
	totalRe := regexp.MustCompile(`（計([0-9]+)[^/（）]*/週）`)
	timesRe := regexp.MustCompile(`朝|昼|夕|就寝前`)
	doseRe := regexp.MustCompile(`^([0-9]+)`)
	checked := 0
	for _, p := range definitions() {
		for _, m := range append(append([]medDef{}, p.dispensing...), p.meds...) {
			sub := totalRe.FindStringSubmatch(m.usage)
			if sub == nil {
				continue
			}
			checked++
			total, _ := strconv.Atoi(sub[1])
			perDose := 1
			if d := doseRe.FindStringSubmatch(m.dose); d != nil {
				perDose, _ = strconv.Atoi(d[1])
			}
			times := len(timesRe.FindAllString(strings.Split(m.usage, "（")[0], -1))
			if times*perDose != total {
				t.Errorf("%s: %q with %s per dose is %d a week, not the stated %d", p.ID, m.usage, m.dose, times*perDose, total)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no weekly usage with a total in the training set: the methotrexate patient is gone or reworded")
	}
}
