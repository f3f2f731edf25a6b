package cli

import (
	"bytes"
	"strings"
	"testing"
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
