// Package ui is the triage workstation window.
package ui

import (
	"flag"
	"fmt"
	"os"

	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

// Main opens the window; args are the flags after the program name.
func Main(args []string) int {
	fs := flag.NewFlagSet("kyukyu", flag.ContinueOnError)
	demo := fs.Bool("demo", false, "training mode on synthetic patients")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	a := app.NewWithID("jp.kyukyu.app")
	title := "kyukyu 救急"
	if *demo {
		title += " — 訓練モード"
	}
	w := a.NewWindow(title)
	w.SetContent(widget.NewLabel(title))
	w.ShowAndRun()
	fmt.Fprintln(os.Stderr)
	return 0
}
