package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"kyukyu/audit"
	"kyukyu/summary"
	"kyukyu/summary/alerttext"
)

func runSummary(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("summary", flag.ContinueOnError)
	pf := addPatientFlags(fs, env, audit.Show)
	asJSON := fs.Bool("json", false, "print JSON instead of a readable table")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	v, err := pf.view(ctx, env)
	if err != nil {
		return err
	}
	if err := logAccess(env, audit.Show, v, "kyukyu summary: standard output", ""); err != nil {
		return err
	}
	if *asJSON {
		alerttext.Headers(v, alerttext.Japanese) // the paper's note
		return writeJSON(env.Stdout, v)
	}
	return writeText(env.Stdout, v)
}

// writeText prints the view for a terminal: alerts first, then the sections.
// The lines and the table's cells go out in 64 KB writes: a write each
// was 300,000 system calls for a 30,000-row receipt file.
func writeText(dst io.Writer, v *summary.View) error {
	out := bufio.NewWriterSize(dst, 64<<10)
	if v.Training {
		fmt.Fprintln(out, "【訓練用・実在しない患者】")
	}
	p := v.Patient
	fmt.Fprintf(out, "救急用 診療／薬剤情報一覧  作成日：%s  (%s)\n", v.CreatedOn.Japanese(), v.Mode)
	who := fmt.Sprintf("%s（%s） %s生 %d歳 %s ", p.Name, p.Kana, p.Birth.Japanese(), v.Age, p.Sex.Japanese())
	ins := p.Insurance
	// A result file need not echo the numbers: a label with nothing after it
	// reads as a blank to fill in (the PDF leaves such fields out too).
	for _, f := range [][2]string{{"保険者番号", ins.InsurerNumber}, {"記号", ins.Symbol}, {"番号", ins.Number}, {"枝番", ins.Branch}} {
		if f[1] != "" {
			who += " " + f[0] + " " + f[1]
		}
	}
	fmt.Fprintln(out, strings.TrimSpace(who))
	for _, w := range v.Warnings {
		fmt.Fprintln(out, "注意: "+alerttext.Warning(w, alerttext.Japanese))
	}
	for _, a := range v.Alerts {
		x := alerttext.Render(a, alerttext.Japanese)
		fmt.Fprintf(out, "！%s%s\n", x.Tag, x.Title)
		for _, l := range append(x.Lines, "→ "+x.Why, x.Reversal) {
			if l != "" {
				fmt.Fprintf(out, "    %s\n", l)
			}
		}
	}
	fmt.Fprintln(out, "【"+alerttext.Japanese(alerttext.CurrentHeading, nil)+"】")
	for _, c := range v.Current {
		fmt.Fprintln(out, "    "+alerttext.CurrentLine(c, alerttext.Japanese))
	}
	if len(v.Current) == 0 {
		fmt.Fprintln(out, "    "+alerttext.Japanese(alerttext.CurrentNone, nil))
	}
	fmt.Fprintln(out, "※"+alerttext.Japanese(alerttext.CannotShow, nil))
	w := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	for _, s := range v.Sections {
		fmt.Fprintf(w, "\n%s %s\n", s.Title, alerttext.Window(s.Window, alerttext.Japanese))
		if s.Len() == 0 {
			fmt.Fprintln(w, "  該当なし")
		}
		for _, r := range s.Visits {
			fmt.Fprintf(w, "  %s\t%s\t%s\n", r.Institution, r.Month.Short(), r.Setting)
		}
		for _, r := range s.Medications {
			inst := r.Where()
			tag := ""
			if r.Class != "" && r.Class != summary.ClassNone {
				tag = alerttext.ClassTag(r.Class, alerttext.Japanese) // the screen's and the paper's tag
			}
			fmt.Fprintf(w, "  %s\t%s\t%s\t%s%s (%s)\t%s\n", r.Date.Short(), r.Setting, inst, tag, r.Drug, r.Ingredient,
				strings.TrimSpace(bracket("【", r.Usage, "】")+bracket("【", r.Instruction, "】")+" "+r.Quantity))
		}
		for _, r := range s.Procedures {
			fmt.Fprintf(w, "  %s\t%s\t%s\t%s %s\n", r.Date.Short(), r.Setting, r.Institution, r.Code, r.Name)
		}
		for _, r := range s.Checkups {
			fmt.Fprintf(w, "  %s\t%s\n", r.Date.Japanese(), r.Institution)
			for _, x := range r.Results {
				fmt.Fprintf(w, "    %s\t%s %s\n", x.Name, x.Value, x.Unit)
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return out.Flush()
}

func bracket(open, s, close string) string {
	if s == "" {
		return ""
	}
	return open + s + close
}
