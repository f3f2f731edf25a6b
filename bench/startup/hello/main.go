// Command hello is the peer of the startup benchmark: a bare Fyne window
// with one label, the least a Fyne program can show.
package main

import (
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("jp.kyukyu.bench.hello")
	w := a.NewWindow("hello-peer")
	w.SetContent(widget.NewLabel("hello"))
	w.ShowAndRun()
}
