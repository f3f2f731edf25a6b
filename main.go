// Command kyukyu shows and prints the 救急用サマリー of the patient whose My
// Number card is on the reader. Without a subcommand it opens the window.
package main

import (
	"os"

	"kyukyu/app"
	"kyukyu/cli"
)

func main() {
	if len(os.Args) > 1 && cli.IsCommand(os.Args[1]) {
		cli.LateGC()
		os.Exit(cli.Main(os.Args[1:], &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
	}
	os.Exit(app.Main(os.Args[1:], os.Stderr))
}
