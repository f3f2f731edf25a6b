package ui

import (
	"bytes"
	"context"
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
	"kyukyu/summary"
	"kyukyu/ui/report"
)

// renderPDF renders the shown view into memory, so that a failed render
// leaves no file behind.
func (s *Screen) renderPDF(v *summary.View) ([]byte, error) {
	var b bytes.Buffer
	if err := s.d.Render(&b, v); err != nil {
		return nil, fmt.Errorf("PDF: rendering failed: %w", err)
	}
	return b.Bytes(), nil
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

// maxPagesUnasked is the longest print sent without a question: a summary
// longer than that is usually a heavy patient whose first page (alerts,
// recent drugs) is what the ER needs now.
const maxPagesUnasked = 10

// printPDF renders the PDF and sends it to the printer (Ctrl+P); a long
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
		data, err := s.renderPDF(sh.View)
		pages := 0
		if err == nil && s.d.Pages != nil {
			pages, err = s.d.Pages(data)
		}
		var path string
		if err == nil {
			path, err = writeTemp(data)
		}
		s.do(func() {
			if err != nil {
				s.showFailure(t("print.renderFailed"), err)
				return
			}
			s.tempFiles = append(s.tempFiles, path)
			if pages > maxPagesUnasked {
				s.askPages(path, pages)
				return
			}
			s.print(path, PrintJob{})
		})
	}()
}

// askPages asks before a long print: page 1 only, all, or nothing.
func (s *Screen) askPages(path string, pages int) {
	var d dialog.Dialog
	msg := widget.NewLabel(tf("print.manyPages", map[string]any{"Pages": pages}))
	msg.Wrapping = fyne.TextWrapWord
	first := widget.NewButton(t("print.firstPage"), func() { d.Hide(); s.print(path, PrintJob{FirstPageOnly: true}) })
	first.Importance = widget.HighImportance
	all := widget.NewButton(tf("print.allPages", map[string]any{"Pages": pages}), func() { d.Hide(); s.print(path, PrintJob{}) })
	cancel := widget.NewButton(t("btn.cancel"), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(t("print.title"), container.NewVBox(msg, container.NewHBox(layout.NewSpacer(), cancel, all, first)), s.win)
	s.setStatus(t("state.confirm"), t("hint.confirm"), widget.HighImportance)
	s.show(d, nil)
}

// print audits, then sends path to the printer of the settings.
func (s *Screen) print(path string, job PrintJob) {
	job.Printer = s.settings().str(prefPrinter, "")
	output := printerName(job.Printer)
	if job.FirstPageOnly {
		output += " (p.1)"
	}
	s.audit(s.produced(report.Print, output), func() { s.sendToPrinter(path, job) })
}

// produced is the audit event of a print or save of the shown patient.
func (s *Screen) produced(action report.Action, output string) report.Event {
	why, operator := s.flow.Given()
	e := report.Event{Action: action, Training: s.flow.Training(), Operator: operator, Reason: why, View: s.shown.View, Output: output}
	if st := s.flow.View().Staff; st != nil {
		e.Staff = st.ID
	}
	return e
}

func printerName(p string) string {
	if p == "" {
		return "default printer"
	}
	return p
}

// sendToPrinter prints; without a printer it opens the PDF in the system
// viewer, and failing that shows where the file is, with its folder.
func (s *Screen) sendToPrinter(path string, job PrintJob) {
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		var err error = errNoPrinter
		if s.d.Printer != nil {
			err = s.d.Printer.Print(context.Background(), path, job)
		}
		var openErr error = errNoViewer
		if err != nil && s.d.OpenFile != nil {
			openErr = s.d.OpenFile(path)
		}
		s.do(func() {
			switch {
			case err == nil:
				s.setStatus(t("state.printed"), t("hint.shown"), widget.SuccessImportance)
			case openErr == nil:
				s.setStatus(t("state.printViewer"), tf("hint.printViewer", map[string]any{"Path": path}), widget.WarningImportance)
				s.setCause(err)
			default:
				s.setStatus(t("state.printFailed"), t("hint.printFailed"), widget.WarningImportance)
				s.setCause(err)
				s.showSavedFile(path, err)
			}
		})
	}()
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
	s.show(d, nil)
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
			data, err := s.renderPDF(sh.View)
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
