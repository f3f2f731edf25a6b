package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"kyukyu/internal/sharedfiles"
	"kyukyu/internal/testenv"
	"kyukyu/summary"
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func TestDrugsClassify(t *testing.T) {
	in := "3332001F1130\tワルファリンK錠1mg「NIG」\n" +
		"\tエリキュース錠2.5mg\r\n" +
		"\tヒルドイドソフト軟膏0.3%\n" +
		"3334402G1048\t\n" +
		"1129009F1ZZZ\t【般】ゾルピデム酒石酸塩錠5mg\n" +
		"\tバイアスピリン錠100mg" // no final newline
	code, out, errs := runCLI(t, in, "drugs", "classify")
	want := "3332001F1130\tワルファリンK錠1mg「NIG」\tanticoagulant\tvka\n" +
		"\tエリキュース錠2.5mg\tanticoagulant\txa\n" +
		"\tヒルドイドソフト軟膏0.3%\tnone\t\n" +
		"3334402G1048\t\tanticoagulant\tflush\n" +
		"1129009F1ZZZ\t【般】ゾルピデム酒石酸塩錠5mg\thypnotic\t\n" +
		"\tバイアスピリン錠100mg\tantiplatelet\t\n"
	if code != 0 || out != want || errs != "" {
		t.Fatalf("exit %d stderr %q\nstdout:\n%s\nwant:\n%s", code, errs, out, want)
	}
}

func TestDrugsClassifyMalformedLinesGoOn(t *testing.T) {
	in := "ワーファリン錠1mg\n" + // no TAB
		"\tリクシアナ錠30mg\n" +
		"3332001\tワーファリン\n" + // code too short
		"a\tb\tc\n" +
		"\t\n" +
		"\t\xff\xfe\n" +
		"\tプラビックス錠75mg\n"
	code, out, errs := runCLI(t, in, "drugs", "classify")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 7 {
		t.Fatalf("%d output lines, want one per input line (7):\n%s", len(lines), out)
	}
	for _, i := range []int{0, 2, 3, 4, 5} {
		if !strings.HasPrefix(lines[i], "ERROR\tline ") || strings.Count(lines[i], "\t") != 1 {
			t.Errorf("line %d: %q, want ERROR<TAB>reason", i+1, lines[i])
		}
	}
	if lines[1] != "\tリクシアナ錠30mg\tanticoagulant\txa" || lines[6] != "\tプラビックス錠75mg\tantiplatelet\t" {
		t.Errorf("good lines around the bad ones: %q, %q", lines[1], lines[6])
	}
	if code != 1 || !strings.HasPrefix(errs, "kyukyu drugs: 5 of 7 lines malformed (first: line 1)") || strings.Count(errs, "\n") != 1 {
		t.Errorf("exit %d, stderr %q; want 1 and one line counting the malformed lines", code, errs)
	}
}

func TestDrugsUsage(t *testing.T) {
	for _, args := range [][]string{{"drugs"}, {"drugs", "sort"}, {"drugs", "classify", "x"}} {
		code, out, errs := runCLI(t, "", args...)
		if code != 2 || out != "" || !strings.Contains(errs, "usage: kyukyu drugs classify") {
			t.Errorf("%v: exit %d stdout %q stderr %q; want 2 and the usage", args, code, out, errs)
		}
	}
}

// benchLines is 20,000 CODE<TAB>NAME lines from the real MHLW list, cycled;
// every other line withholds the code so that names are classified too.
func benchLines(b *testing.B) string {
	dir, ok := sharedfiles.Dir()
	if !ok {
		testenv.Unavailable(b, "shared folder (../shared beside the module, or $KYUKYU_SHARED) is absent: the benchmark uses the real MHLW list")
	}
	f, err := os.Open(filepath.Join(dir, "data", "mhlw-yakka-list-2025-07-16.csv"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	rows = rows[1:]
	var sb strings.Builder
	for i := range benchLineCount {
		r := rows[i%len(rows)]
		code := r[1]
		if i%2 == 1 {
			code = ""
		}
		sb.WriteString(code + "\t" + r[7] + "\n")
	}
	return sb.String()
}

const benchLineCount = 20000

// naivePeer is the classifier one writes first: a regexp per table row over
// the NFKC name, prefixes tried one by one, line at a time with Scanner and
// Fprintf. Same table, same answers (checked), so the ratio is about the
// implementation alone.
type naivePeer struct {
	rows []naiveRow
}

type naiveRow struct {
	prefixes                 []string
	terms, requires, exclude *regexp.Regexp
	dc                       *summary.DrugClass
}

func alternation(words []string) *regexp.Regexp {
	if len(words) == 0 {
		return nil
	}
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(strings.ToUpper(norm.NFKC.String(w)))
	}
	return regexp.MustCompile(strings.Join(q, "|"))
}

func newNaivePeer() *naivePeer {
	p := &naivePeer{}
	for i := range summary.DrugClasses {
		dc := &summary.DrugClasses[i]
		p.rows = append(p.rows, naiveRow{dc.Prefixes, alternation(dc.Terms), alternation(dc.Requires), alternation(dc.Excludes), dc})
	}
	return p
}

func (p *naivePeer) classify(code, name string) (summary.Class, string) {
	c := strings.ToUpper(norm.NFKC.String(code))
	if len(c) == 12 {
		best, bestLen := (*summary.DrugClass)(nil), 0
		for _, r := range p.rows {
			for _, pre := range r.prefixes {
				if strings.HasPrefix(c, pre) && len(pre) > bestLen {
					best, bestLen = r.dc, len(pre)
				}
			}
		}
		if best != nil {
			return best.Class, best.Subclass
		}
	}
	n := strings.ReplaceAll(strings.ToUpper(norm.NFKC.String(name)), " ", "")
	for _, r := range p.rows {
		if r.terms != nil && r.terms.MatchString(n) && (r.requires == nil || r.requires.MatchString(n)) && (r.exclude == nil || !r.exclude.MatchString(n)) {
			return r.dc.Class, r.dc.Subclass
		}
	}
	return summary.ClassNone, ""
}

func (p *naivePeer) run(in io.Reader, out io.Writer) {
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		code, name, _ := strings.Cut(sc.Text(), "\t")
		class, sub := p.classify(code, name)
		fmt.Fprintf(out, "%s\t%s\t%s\t%s\n", code, name, class, sub)
	}
}

// BenchmarkDrugsClassify20k times `kyukyu drugs classify` on 20,000 real
// lines against the naive peer in the same run, and reports the ratio.
func BenchmarkDrugsClassify20k(b *testing.B) {
	input := benchLines(b)
	peer := newNaivePeer()
	var ours, theirs bytes.Buffer
	if err := classifyLines(context.Background(), strings.NewReader(input), &ours); err != nil {
		b.Fatal(err)
	}
	peer.run(strings.NewReader(input), &theirs)
	if ours.String() != theirs.String() {
		b.Fatal("the naive peer disagrees with kyukyu drugs classify; the comparison would be unfair")
	}
	var tOurs, tPeer time.Duration
	n := 0
	for b.Loop() {
		t0 := time.Now()
		if err := classifyLines(context.Background(), strings.NewReader(input), io.Discard); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		peer.run(strings.NewReader(input), io.Discard)
		tOurs += t1.Sub(t0)
		tPeer += time.Since(t1)
		n++
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(n) / float64(time.Millisecond) }
	b.ReportMetric(ms(tOurs), "ms/20k-lines")
	b.ReportMetric(ms(tPeer), "peer-ms/20k-lines")
	b.ReportMetric(float64(tPeer)/float64(tOurs), "x-faster-than-peer")
}

// The class column names every kind of issue 16, by code and by name alone.
func TestDrugsClassifyNewKinds(t *testing.T) {
	lines := [][3]string{
		{"2492416G2024", "ランタス注ソロスター", "hypoglycemic"},
		{"3969019F2023", "フォシーガ錠10mg", "sglt2"},
		{"2456001F1019", "プレドニゾロン錠", "steroid"},
		{"3999016M1021", "リウマトレックスカプセル2mg", "immunosuppressant"},
		{"1139004G2063", "デパケンR錠200mg", "antiepileptic"},
		{"1179017F2052", "リーマス錠200", "narrow-index"},
		{"8219701S1025", "フェントステープ1mg", "opioid"},
		{"1179025F2022", "デパス錠1mg", "hypnotic"},
	}
	var in, want strings.Builder
	for _, l := range lines {
		for _, code := range []string{l[0], ""} {
			in.WriteString(code + "\t" + l[1] + "\n")
			want.WriteString(code + "\t" + l[1] + "\t" + l[2] + "\t\n")
		}
	}
	code, out, errs := runCLI(t, in.String(), "drugs", "classify")
	if code != 0 || out != want.String() || errs != "" {
		t.Fatalf("exit %d stderr %q\nstdout:\n%s\nwant:\n%s", code, errs, out, want.String())
	}
}
