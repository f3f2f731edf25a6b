package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"kyukyu/buildinfo"
	"kyukyu/config"
	"kyukyu/ui/flow"
)

// Preference keys: the workstation's settings. The keys a hospital can
// lock in its machine-wide file are that file's (package config): one
// name for the setting, its lock and the documentation.
const (
	prefMode         = config.Mode // training or oqs
	prefOQSReq       = config.OQSReq
	prefOQSRes       = config.OQSRes
	prefOQSFace      = config.OQSFace
	prefInstitution  = config.Institution
	prefPrinter      = config.Printer
	prefReader       = config.Reader // part of the card reader's name; empty: any reader
	prefIdleMinutes  = config.IdleMinutes
	prefTextSize     = "text_size"
	prefOperator     = "operator"
	prefLanguage     = "language"
	prefVariant      = "theme" // system, light or dark
	prefWindowWidth  = "window_width"
	prefWindowHeight = "window_height"

	defaultIdleMinutes = 5
	modeTraining       = "training"
	modeOQS            = "oqs"
)

// Locks are the settings the hospital's machine-wide file sets: the user
// sees them and cannot change them (config.Machine).
type Locks interface {
	Value(key string) (string, bool)
}

// settings reads the settings: a locked key's value, else the user's.
type settings struct {
	p     fyne.Preferences
	locks Locks
}

func (s settings) str(key, fallback string) string {
	if s.locks != nil {
		if v, ok := s.locks.Value(key); ok {
			return v
		}
	}
	return s.p.StringWithFallback(key, fallback)
}

func (s settings) num(key string, fallback int) int {
	if s.locks != nil {
		if v, ok := s.locks.Value(key); ok {
			if n, err := strconv.Atoi(v); err == nil {
				return n
			}
		}
	}
	return s.p.IntWithFallback(key, fallback)
}

func (s settings) locked(key string) bool {
	if s.locks == nil {
		return false
	}
	_, ok := s.locks.Value(key)
	return ok
}

// Workstation is what the app's wiring reads of the settings.
type Workstation struct {
	Training                    bool
	OQSReq, OQSRes, Institution string
	OQSFace                     string // the connector's face-auth folder; empty: face beside res
	Reader                      string // part of the card reader's name; empty: any reader
}

// ReadWorkstation reads the workstation settings, locked ones first.
func ReadWorkstation(p fyne.Preferences, locks Locks) Workstation {
	s := settings{p, locks}
	return Workstation{
		Training:    s.str(prefMode, modeTraining) == modeTraining,
		OQSReq:      s.str(prefOQSReq, ""),
		OQSRes:      s.str(prefOQSRes, ""),
		OQSFace:     s.str(prefOQSFace, ""),
		Institution: s.str(prefInstitution, ""),
		Reader:      s.str(prefReader, ""),
	}
}

// choices are the values of the settings with a fixed set, with their text keys.
var (
	modeChoices     = []string{modeTraining, modeOQS}
	textSizeChoices = []string{"normal", "large", "xlarge"}
	languageChoices = []string{"ja", "en"}
	variantChoices  = []string{variantSystem, variantLight, variantDark}
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

// settingField is one line of the settings dialog.
type settingField struct {
	key    string
	label  string
	widget fyne.Disableable
	value  func() string
}

// showSettings edits the workstation settings. Text size, language and
// light/dark apply at once; the mode and the reader at the next start (the
// patient source and the card watcher are wired then). A setting the
// hospital locked is shown, disabled, as set by the administrator.
func (s *Screen) showSettings() {
	if s.settingsOpen {
		return
	}
	cur := s.settings()
	entry := func(key string) (*escEntry, func() string) {
		e := s.newEntry()
		e.SetText(cur.str(key, ""))
		return e, func() string { return e.Text }
	}
	sel := func(key string, choices []string, prefix, fallback string) (*widget.Select, func() string) {
		return choiceSelect(choices, prefix, cur.str(key, fallback))
	}
	idle, idleVal := entry(prefIdleMinutes)
	idle.SetText(strconv.Itoa(cur.num(prefIdleMinutes, defaultIdleMinutes)))
	idle.Validator = func(v string) error {
		if n, err := strconv.Atoi(v); err != nil || n < 1 || n > 60 {
			return errIdle
		}
		return nil
	}
	var fields []settingField
	add := func(key, label string, w fyne.Disableable, value func() string) {
		fields = append(fields, settingField{key, label, w, value})
	}
	mode, modeVal := sel(prefMode, modeChoices, "settings.mode.", modeTraining)
	add(prefMode, "settings.mode", mode, modeVal)
	for _, k := range []struct{ key, label string }{{prefOQSReq, "settings.oqsReq"}, {prefOQSRes, "settings.oqsRes"}, {prefOQSFace, "settings.oqsFace"}, {prefInstitution, "settings.institution"}, {prefPrinter, "settings.printer"}, {prefReader, "settings.reader"}} {
		e, v := entry(k.key)
		add(k.key, k.label, e, v)
	}
	add(prefIdleMinutes, "settings.idle", idle, idleVal)
	size, sizeVal := sel(prefTextSize, textSizeChoices, "settings.size.", "normal")
	add(prefTextSize, "settings.textSize", size, sizeVal)
	variant, variantVal := sel(prefVariant, variantChoices, "settings.variant.", variantSystem)
	add(prefVariant, "settings.variant", variant, variantVal)
	language, langVal := sel(prefLanguage, languageChoices, "settings.lang.", "ja")
	add(prefLanguage, "settings.language", language, langVal)
	op, opVal := entry(prefOperator)
	add(prefOperator, "settings.operator", op, opVal)

	items := make([]*widget.FormItem, len(fields))
	for i, f := range fields {
		items[i] = widget.NewFormItem(t(f.label), f.widget.(fyne.CanvasObject))
		if cur.locked(f.key) {
			f.widget.Disable()
			items[i].HintText = t("settings.locked")
		}
	}
	// The version a support person asks for, as `kyukyu version` prints it.
	items = append(items, widget.NewFormItem(t("settings.version"), widget.NewLabel(buildinfo.Get().String())))
	beforeReader := s.settings().str(prefReader, "")
	d := dialog.NewForm(t("settings.title"), t("settings.save"), t("btn.cancel"), items, func(ok bool) {
		s.settingsOpen = false
		if !ok {
			return
		}
		for _, f := range fields {
			if cur.locked(f.key) {
				continue
			}
			if f.key == prefIdleMinutes {
				n, _ := strconv.Atoi(f.value())
				s.prefs.SetInt(prefIdleMinutes, n)
				continue
			}
			s.prefs.SetString(f.key, f.value())
		}
		s.applySettings()
		s.send(flow.SetIdle{Minutes: s.idleMinutes()})
		if training := s.settings().str(prefMode, modeTraining) == modeTraining; training != s.d.Training {
			s.switchMode(training)
		}
		if after := s.settings().str(prefReader, ""); after != beforeReader {
			s.showInfo(t("settings.title"), t("settings.restart"))
		}
	}, s.win)
	d.Resize(fyne.NewSize(680, 600))
	s.settingsOpen = true
	s.show(d, nil)
}

// settings reads the settings with the hospital's locks.
func (s *Screen) settings() settings { return settings{s.prefs, s.d.Locks} }

// applySettings puts text size, light/dark and language into effect at
// once: the theme is replaced (Fyne redraws every widget) and the window's
// words are built again, the patient on screen kept.
func (s *Screen) applySettings() {
	if err := loadTranslations(s.prefs.StringWithFallback(prefLanguage, "ja")); err != nil {
		s.showFailure(t("settings.langFailed"), err)
	}
	s.app.Settings().SetTheme(themeFor(s.prefs))
	s.win.SetTitle(t("app.title"))
	status, hint, imp := s.status.Text, s.hint.Text, s.status.Importance
	s.build()
	s.showNothing()
	s.question = 0 // the rebuilt window has none of the old widgets
	s.setStatus(status, hint, imp)
	s.render()
}

// switchMode changes between training and OQS while the window runs, when
// that is safe: no patient on screen, no lookup or question pending (a
// training patient must never stay beside a real source, nor the reverse).
// Otherwise the saved mode applies at the next start.
func (s *Screen) switchMode(training bool) {
	if s.d.SwitchMode == nil {
		s.showInfo(t("settings.title"), t("settings.modeRestart"))
		return
	}
	if !s.flow.Settled() {
		s.showInfo(t("settings.title"), t("settings.modeNotNow"))
		return
	}
	parts, err := s.d.SwitchMode(training)
	if err != nil {
		s.showFailure(t("settings.modeFailed"), err)
		return
	}
	s.d.Training, s.d.Source, s.d.Cases, s.d.CaseIdentity, s.d.VCard = parts.Training, parts.Source, parts.Cases, parts.CaseIdentity, parts.VCard
	go func() { s.newFaces <- parts.Faces }()
	s.flow.Handle(flow.ModeSwitched{Training: parts.Training})
	s.build()
	s.showNothing()
	s.question = 0
	s.lastStatus = flow.Status{}
	s.render()
}

// textError is an error the person reads: its text key, said in the
// language of the screen.
type textError string

func (e textError) Error() string { return t(string(e)) }

const errIdle = textError("settings.idleInvalid")
