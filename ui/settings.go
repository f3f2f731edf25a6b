package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Preference keys: the workstation's settings.
const (
	prefMode        = "mode" // training or oqs
	prefOQSReq      = "oqs_req"
	prefOQSRes      = "oqs_res"
	prefInstitution = "institution"
	prefPrinter     = "printer"
	prefReader      = "reader" // part of the card reader's name; empty: any reader
	prefIdleMinutes = "idle_minutes"
	prefTextSize    = "text_size"
	prefOperator    = "operator"
	prefLanguage    = "language"

	defaultIdleMinutes = 5
	modeTraining       = "training"
	modeOQS            = "oqs"
)

// Workstation is what the app's wiring reads of the settings.
type Workstation struct {
	Training                    bool
	OQSReq, OQSRes, Institution string
	OQSFace                     string // the connector's face-auth folder; empty: face beside res
	Reader                      string // part of the card reader's name; empty: any reader
}

// ReadWorkstation reads the workstation settings from the preferences.
func ReadWorkstation(p fyne.Preferences) Workstation {
	return Workstation{
		Training:    p.StringWithFallback(prefMode, modeTraining) == modeTraining,
		OQSReq:      p.String(prefOQSReq),
		OQSRes:      p.String(prefOQSRes),
		Institution: p.String(prefInstitution),
		Reader:      p.String(prefReader),
	}
}

// choices are the values of the settings with a fixed set, with their text keys.
var (
	modeChoices     = []string{modeTraining, modeOQS}
	textSizeChoices = []string{"normal", "large", "xlarge"}
	languageChoices = []string{"ja", "en"}
)

// choiceSelect is a Select over values shown by their translated names.
func choiceSelect(values []string, prefix, current string) (*widget.Select, func() string) {
	labels := make([]string, len(values))
	for i, v := range values {
		labels[i] = t(prefix + v)
	}
	sel := widget.NewSelect(labels, nil)
	for i, v := range values {
		if v == current {
			sel.SetSelectedIndex(i)
		}
	}
	return sel, func() string {
		if i := sel.SelectedIndex(); i >= 0 {
			return values[i]
		}
		return current
	}
}

// showSettings edits the workstation settings; mode, text size and language
// apply at the next start.
func (s *Screen) showSettings() {
	p := s.prefs
	mode, modeVal := choiceSelect(modeChoices, "settings.mode.", p.StringWithFallback(prefMode, modeTraining))
	size, sizeVal := choiceSelect(textSizeChoices, "settings.size.", p.StringWithFallback(prefTextSize, "normal"))
	language, langVal := choiceSelect(languageChoices, "settings.lang.", p.StringWithFallback(prefLanguage, "ja"))
	entry := func(key string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(p.String(key))
		return e
	}
	req, res, inst, printer, rdr, op := entry(prefOQSReq), entry(prefOQSRes), entry(prefInstitution), entry(prefPrinter), entry(prefReader), entry(prefOperator)
	idle := widget.NewEntry()
	idle.SetText(strconv.Itoa(p.IntWithFallback(prefIdleMinutes, defaultIdleMinutes)))
	idle.Validator = func(v string) error {
		if n, err := strconv.Atoi(v); err != nil || n < 1 || n > 60 {
			return errIdle
		}
		return nil
	}
	items := []*widget.FormItem{
		widget.NewFormItem(t("settings.mode"), mode),
		widget.NewFormItem(t("settings.oqsReq"), req),
		widget.NewFormItem(t("settings.oqsRes"), res),
		widget.NewFormItem(t("settings.institution"), inst),
		widget.NewFormItem(t("settings.printer"), printer),
		widget.NewFormItem(t("settings.reader"), rdr),
		widget.NewFormItem(t("settings.idle"), idle),
		widget.NewFormItem(t("settings.textSize"), size),
		widget.NewFormItem(t("settings.language"), language),
		widget.NewFormItem(t("settings.operator"), op),
	}
	d := dialog.NewForm(t("settings.title"), t("settings.save"), t("btn.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		p.SetString(prefMode, modeVal())
		p.SetString(prefTextSize, sizeVal())
		p.SetString(prefLanguage, langVal())
		for key, e := range map[string]*widget.Entry{prefOQSReq: req, prefOQSRes: res, prefInstitution: inst, prefPrinter: printer, prefReader: rdr, prefOperator: op} {
			p.SetString(key, e.Text)
		}
		n, _ := strconv.Atoi(idle.Text)
		p.SetInt(prefIdleMinutes, n)
		s.armIdle()
		s.showInfo(t("settings.title"), t("settings.saved"))
	}, s.win)
	d.Resize(fyne.NewSize(640, 560))
	s.show(d, nil)
}

// textError is an error the person reads: its text key, said in the
// language of the screen.
type textError string

func (e textError) Error() string { return t(string(e)) }

const errIdle = textError("settings.idleInvalid")
