package ui

import (
	"fmt"

	"kyukyu/summary"
	"kyukyu/summary/alerttext"
)

// The words of the domain's values in the screen's language: summary
// holds data (items, periods, dates, settings), the screen chooses words.

// dateText is a date in the screen's language.
func dateText(d summary.Date) string {
	return tf("date.full", map[string]any{"Y": d.Year, "M": int(d.Month), "D": d.Day})
}

// shortDate is a row's date, as the sample's column (22年8月 1日).
func shortDate(d summary.Date) string {
	return tf("date.short", map[string]any{"Y": d.Year, "YY": fmt.Sprintf("%02d", d.Year%100), "M": int(d.Month), "D": d.Day, "DD": fmt.Sprintf("%2d", d.Day)})
}

// shortMonth is a row's month.
func shortMonth(m summary.Month) string {
	return tf("date.shortMonth", map[string]any{"Y": m.Year, "YY": fmt.Sprintf("%02d", m.Year%100), "M": int(m.Month)})
}

// monthText is a month in the screen's language.
func monthText(m summary.Month) string {
	return tf("date.month", map[string]any{"Y": m.Year, "M": int(m.Month)})
}

// sectionTitle is a section's heading.
func sectionTitle(sec *summary.Section) string { return t("section." + string(sec.Item)) }

// sexText is the patient's sex.
func sexText(s summary.Sex) string {
	switch s {
	case summary.SexMale:
		return t("sex.male")
	case summary.SexFemale:
		return t("sex.female")
	}
	return t("sex.unknown")
}

// settingText is where care happened (入院, 外来, 院外).
func settingText(s summary.Setting) string {
	switch s {
	case summary.Inpatient:
		return t("setting.inpatient")
	case summary.Outpatient:
		return t("setting.outpatient")
	case summary.Pharmacy:
		return t("setting.pharmacy")
	}
	return string(s)
}

// expiryText is the card certificate's end in the screen's language.
func expiryText(e CardExpiry) string {
	return alerttext.CardExpiry(string(e.Kind), e.End, e.GraceEnd, e.DaysLeft, tf)
}
