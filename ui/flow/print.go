package flow

import "kyukyu/ui/report"

// MaxPagesUnasked is the longest print sent without a question: a summary
// longer than that is usually a heavy patient whose first page (alerts,
// recent drugs) is what the ER needs now.
const MaxPagesUnasked = 10

// AskPages reports whether a print of that many pages asks first.
func AskPages(pages int) bool { return pages > MaxPagesUnasked }

// PrintOutput is the audit entry's output of a print: the printer, and
// whether only page 1 went.
func PrintOutput(printer string, firstOnly bool) string {
	if printer == "" {
		printer = "default printer"
	}
	if firstOnly {
		printer += " (p.1)"
	}
	return printer
}

// PrintEnded is how a print ended and what the status strip says: sent to
// the printer; else opened in the viewer (not known to be printed); else
// neither, and the file's place is shown.
func PrintEnded(printErr, viewerErr error) (report.Result, Status) {
	switch {
	case printErr == nil:
		return report.OK, Status{Text: "state.printed", Hint: "hint.shown", Level: Success}
	case viewerErr == nil:
		return report.Viewer, Status{Text: "state.printViewer", Hint: "hint.printViewer", Level: Warning, Cause: printErr}
	}
	return report.Failed, Status{Text: "state.printFailed", Hint: "hint.printFailed", Level: Warning, Cause: printErr}
}
