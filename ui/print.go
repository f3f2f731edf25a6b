package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kyukyu/internal/safefile"
	"kyukyu/pdf"
	"kyukyu/summary"
	"kyukyu/ui/flow"
	"kyukyu/ui/report"
)

// renderPDF lays out and writes the shown view into memory (its first
// pages only when pages > 0), so that a failed render leaves no file.
func renderPDF(doc *pdf.Printed, pages int) ([]byte, error) {
	var b bytes.Buffer
	if pages <= 0 {
		pages = doc.Pages
	}
	if _, err := doc.WriteFirst(&b, pages); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// layout lays the view out for print or save.
func (s *Screen) layout(v *summary.View) (*pdf.Printed, error) {
	doc, err := s.d.Render(v)
	if err != nil {
		return nil, fmt.Errorf("PDF: rendering failed: %w", err)
	}
	return doc, nil
}

// cannotProduce says why printing or saving is not possible now, or "".
func (s *Screen) cannotProduce() string {
	switch {
	case s.shown == nil:
		return t("print.nothing")
	case s.d.Render == nil:
		return t("print.noRenderer")
	}
	return ""
}

// printPDF lays the PDF out and sends it to the printer (Ctrl+P); a long
// one asks first; when printing fails it opens the file in the viewer.
func (s *Screen) printPDF() {
	s.touch()
	if why := s.cannotProduce(); why != "" {
		s.showError(why)
		return
	}
	sh := s.shown
	s.setStatus(t("state.printing"), "", widget.HighImportance)
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		doc, err := s.layout(sh.View)
		s.do(func() {
			switch {
			case err != nil:
				s.restStatus()
				s.showFailure(t("print.renderFailed"), err)
			case s.shown != sh:
				s.restStatus() // cleared or replaced meanwhile: nothing is printed
			case flow.AskPages(doc.Pages):
				s.askPages(doc)
			default:
				s.print(doc, false)
			}
		})
	}()
}

// askPages asks before a long print: page 1 only, all, or nothing. Not
// printing is audited as cancelled, and the status line rests again.
func (s *Screen) askPages(doc *pdf.Printed) {
	var d dialog.Dialog
	msg := widget.NewLabel(tf("print.manyPages", map[string]any{"Pages": doc.Pages}))
	msg.Wrapping = fyne.TextWrapWord
	first := widget.NewButton(t("print.firstPage"), func() { d.Hide(); s.print(doc, true) })
	first.Importance = widget.HighImportance
	all := widget.NewButton(tf("print.allPages", map[string]any{"Pages": doc.Pages}), func() { d.Hide(); s.print(doc, false) })
	// Made now: a clear dismisses the question once the patient is gone.
	ev := s.produced(report.Print, flow.PrintOutput(s.settings().str(prefPrinter, ""), false))
	ev.Result = report.Cancelled
	cancel := func() {
		d.Hide()
		s.restStatus()
		s.audit(ev, func() {})
	}
	d = dialog.NewCustomWithoutButtons(t("print.title"), container.NewVBox(msg, container.NewHBox(layout.NewSpacer(), widget.NewButton(t("btn.cancel"), cancel), all, first)), s.win)
	s.setStatus(t("state.confirm"), t("hint.confirm"), widget.HighImportance)
	s.showPatient(d, cancel)
}

// print writes the PDF (page 1 only, or whole) and sends it to the printer
// of the settings; without one it opens it in the system viewer, and
// failing that shows where the file is. The audit entry says which.
func (s *Screen) print(doc *pdf.Printed, firstOnly bool) {
	job := PrintJob{Printer: s.settings().str(prefPrinter, "")}
	ev := s.produced(report.Print, flow.PrintOutput(job.Printer, firstOnly))
	pages := 0
	if firstOnly {
		pages = 1
	}
	s.setStatus(t("state.printing"), "", widget.HighImportance)
	ctx := s.ctx
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		data, err := renderPDF(doc, pages)
		var path string
		if err == nil {
			path, err = writeTemp(data)
		}
		if err != nil {
			s.do(func() {
				s.restStatus()
				s.showFailure(t("print.renderFailed"), err)
			})
			return
		}
		printErr := error(errNoPrinter)
		if s.d.Printer != nil {
			printErr = s.d.Printer.Print(ctx, path, job)
		}
		var viewerErr error = errNoViewer
		if printErr != nil && s.d.OpenFile != nil {
			viewerErr = s.d.OpenFile(path)
		}
		s.do(func() {
			s.tempFiles = append(s.tempFiles, path)
			result, st := flow.PrintEnded(printErr, viewerErr)
			ev.Result = result
			if result != report.OK {
				ev.Output += ": " + printErr.Error()
			}
			st.Data = map[string]any{"Path": path}
			s.say(st)
			if result == report.Failed {
				s.showSavedFile(path, printErr)
			}
			s.audit(ev, func() {})
		})
	}()
}

// produced is the audit event of a print or save of the shown patient.
func (s *Screen) produced(action report.Action, output string) report.Event {
	e := report.Event{Action: action, Training: s.flow.Training(), Reason: s.flow.Given(), View: s.shown.View, Output: output}
	if st := s.flow.View().Staff; st != nil {
		e.Staff = st.ID
	}
	return e
}

// showSavedFile says where the PDF is when neither a printer nor a
// viewer took it, with a button to open its folder.
func (s *Screen) showSavedFile(path string, cause error) {
	msg := widget.NewLabel(tf("print.savedAt", map[string]any{"Path": path}))
	msg.Wrapping = fyne.TextWrapWord
	folder := widget.NewButtonWithIcon(t("print.openFolder"), theme.FolderOpenIcon(), func() {
		if s.d.OpenFile == nil {
			return
		}
		if err := s.d.OpenFile(filepath.Dir(path)); err != nil {
			s.showFailure(t("print.folderFailed"), err)
		}
	})
	d := dialog.NewCustom(t("print.title"), t("btn.close"), container.NewVBox(msg, folder, causeDetails(cause)), s.win)
	d.Resize(fyne.NewSize(640, 240))
	s.show(d, nil)
}

const (
	errNoPrinter = textError("print.noPrinter")
	errNoViewer  = textError("print.noViewer")
)

// writeTemp keeps a PDF for the printer spool or the viewer; it is removed
// when the screen is cleared or the program ends.
func writeTemp(data []byte) (string, error) {
	f, err := os.CreateTemp("", "kyukyu-*.pdf")
	if err != nil {
		return "", fmt.Errorf("PDF: cannot create a temporary file: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", fmt.Errorf("PDF: cannot write %s: %w", f.Name(), err)
	}
	return f.Name(), f.Close()
}

func (s *Screen) removeTempFiles() {
	for _, p := range s.tempFiles {
		os.Remove(p)
	}
	s.tempFiles = nil
}

// Close removes what the screen left on disk.
func (s *Screen) Close() { s.removeTempFiles() }

// savePDF asks where and saves the PDF (Ctrl+S).
func (s *Screen) savePDF() {
	s.touch()
	if why := s.cannotProduce(); why != "" {
		s.showError(why)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		s.saveTo(path)
	}, s.win)
	d.SetFileName(s.fileName())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	s.showPatient(d, nil)
	// The file dialog's focused name entry would keep Esc to itself: the
	// suggested name is kept, Esc closes the dialog, a click edits the name.
	s.win.Canvas().Unfocus()
}

// fileName is the suggested name: the creation date, no patient data.
func (s *Screen) fileName() string {
	name := "kyukyu-" + s.shown.View.CreatedOn.String()
	if s.flow.Training() {
		name += "-training"
	}
	return name + ".pdf"
}

// saveTo renders and writes path atomically (temp file + rename), audited.
func (s *Screen) saveTo(path string) {
	sh := s.shown
	ev := s.produced(report.Save, filepath.Base(path))
	s.audit(ev, func() {
		s.work.Add(1)
		go func() {
			defer s.work.Done()
			doc, err := s.layout(sh.View)
			var data []byte
			if err == nil {
				data, err = renderPDF(doc, 0)
			}
			if err == nil {
				err = safefile.WriteFile(path, data)
			}
			s.do(func() {
				if err != nil {
					s.showFailure(t("print.saveFailed"), err)
					return
				}
				s.setStatus(tf("state.saved", map[string]any{"File": filepath.Base(path)}), t("hint.shown"), widget.SuccessImportance)
			})
		}()
	})
}
