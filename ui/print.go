package ui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
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
		return nil, fmt.Errorf("PDF: %w", err)
	}
	return b.Bytes(), nil
}

// canProduce says why printing or saving is not possible now, or "".
func (s *Screen) cannotProduce() string {
	switch {
	case s.shown == nil:
		return t("print.nothing")
	case s.d.Render == nil:
		return t("print.noRenderer")
	}
	return ""
}

// printPDF renders the PDF and sends it to the printer (Ctrl+P); when
// printing fails it opens the file in the system viewer.
func (s *Screen) printPDF() {
	s.touch()
	if why := s.cannotProduce(); why != "" {
		s.showError(why)
		return
	}
	sh := s.shown
	printer := s.prefs.String(prefPrinter)
	ev := s.produced(report.Print, printerName(printer))
	s.setStatus(t("state.printing"), "", widget.HighImportance)
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		data, err := s.renderPDF(sh.view)
		var path string
		if err == nil {
			path, err = writeTemp(data)
		}
		s.do(func() {
			if err != nil {
				s.showError(err.Error())
				return
			}
			s.tempFiles = append(s.tempFiles, path)
			s.audit(ev, func() { s.sendToPrinter(path, printer) })
		})
	}()
}

// produced is the audit event of a print or save of the shown patient.
func (s *Screen) produced(action report.Action, output string) report.Event {
	sh := s.shown
	g := s.reasons[sh.key]
	return report.Event{Action: action, Training: s.d.Training, Operator: g.operator, Reason: g.reason, View: sh.view, Output: output}
}

func printerName(p string) string {
	if p == "" {
		return "default printer"
	}
	return p
}

func (s *Screen) sendToPrinter(path, printer string) {
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		err := errNoPrinter
		if s.d.Printer != nil {
			err = s.d.Printer.Print(context.Background(), path, printer)
		}
		s.do(func() {
			if err == nil {
				s.setStatus(t("state.printed"), t("hint.shown"), widget.SuccessImportance)
				return
			}
			s.setStatus(t("state.printViewer"), err.Error(), widget.WarningImportance)
			if s.d.OpenFile != nil {
				if oerr := s.d.OpenFile(path); oerr != nil {
					s.showError(tf("print.failed", map[string]any{"Err": err.Error() + "; " + oerr.Error()}))
				}
			}
		})
	}()
}

var errNoPrinter = fmt.Errorf("no print command on this system")

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
	name := "kyukyu-" + s.shown.view.CreatedOn.String()
	if s.d.Training {
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
			data, err := s.renderPDF(sh.view)
			if err == nil {
				err = safefile.WriteFile(path, data)
			}
			s.do(func() {
				if err != nil {
					s.showError(err.Error())
					return
				}
				s.setStatus(tf("state.saved", map[string]any{"File": filepath.Base(path)}), t("hint.shown"), widget.SuccessImportance)
			})
		}()
	})
}
