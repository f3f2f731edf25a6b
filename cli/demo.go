package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"kyukyu/training"
)

func runDemo(ctx context.Context, env *Env, args []string) error {
	if len(args) != 1 || args[0] != "list" {
		return usagef("usage: kyukyu demo list")
	}
	w := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
	for _, c := range training.Patients() {
		fmt.Fprintf(w, "%s\t%s\t%s\n", c.ID, c.Name, c.Teaches)
	}
	return w.Flush()
}
