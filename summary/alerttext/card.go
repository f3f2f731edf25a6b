package alerttext

import "kyukyu/summary"

// CardExpiry is where a card's certificate stands against its end
// (reader.Expiry: kind soon, grace or too-late) in tr's words: the screen's
// card line and the CLI's card warning.
func CardExpiry(kind string, end, graceEnd summary.Date, daysLeft int, tr Translate) string {
	months := (graceEnd.Year-end.Year)*12 + int(graceEnd.Month) - int(end.Month)
	date := dateWords(tr)
	return tr("card.expiry."+kind, map[string]any{"End": date(end), "Grace": date(graceEnd), "Days": daysLeft, "Months": months})
}
