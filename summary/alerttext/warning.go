package alerttext

import (
	"strings"

	"kyukyu/summary"
)

// Warning puts a doubt about the view's data into words (the screen's
// header, the paper's patient box, the terminal).
func Warning(w summary.Warning, tr Translate) string {
	data := map[string]any{"Count": w.Count}
	if w.Insurance != nil {
		data["Problem"] = Insurance(w.Insurance, tr)
	}
	var items, classes []string
	for _, it := range w.Items {
		items = append(items, tr("warning.item."+string(it), nil))
	}
	for _, c := range w.Classes {
		classes = append(classes, KindName(summary.AlertKind(c), tr))
	}
	data["Items"], data["Classes"] = strings.Join(items, tr("alert.sep", nil)), strings.Join(classes, tr("alert.sep", nil))
	data["Details"] = strings.Join(w.Details, " / ") // the source's own one-line reasons
	return tr("warning."+string(w.Kind), data)
}

// Insurance says what is wrong with insurance numbers and the accepted
// form: the field's name and form come from the table, so every problem
// reads the same in every field.
func Insurance(e *summary.InsuranceError, tr Translate) string {
	return tr("insurance."+string(e.Problem), map[string]any{
		"Field": tr("insurance.field."+string(e.Field), nil), "Form": tr("insurance.form."+string(e.Field), nil),
		"Position": e.Position, "Char": e.Char, "Got": e.Got, "Want": e.Want,
	})
}
