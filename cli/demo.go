package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"kyukyu/training"
)

func runDemo(ctx context.Context, env *Env, args []string) error {
	return dispatch(ctx, env, "demo", args, map[string]func(context.Context, *Env, []string) error{"list": demoList})
}

func demoList(_ context.Context, env *Env, args []string) error {
	if err := noFlags(env, "demo list", args); err != nil {
		return err
	}
	w := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
	for _, c := range training.Patients() {
		fmt.Fprintf(w, "%s\t%s\t%s\n", c.ID, c.Name, c.Teaches)
	}
	return w.Flush()
}
