// Command kyukyu shows and prints the 救急用サマリー of the patient whose My
// Number card is on the reader. Without a subcommand it opens the window.
package main

import (
	_ "embed"
	"os"

	"kyukyu/app"
	"kyukyu/cli"
)

// icon is the window's icon, the one FyneApp.toml packages.
//
//go:embed Icon.png
var icon []byte

func main() {
	if len(os.Args) > 1 && cli.IsCommand(os.Args[1]) {
		cli.LateGC()
		os.Exit(cli.Main(os.Args[1:], &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
	}
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr, icon))
}
