package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"kyukyu/oqs"
	"kyukyu/summary"
	"kyukyu/training"
)

// resultFiles writes a training patient's OQS result files, as the
// simulator answers them, and returns their paths and the record.
func resultFiles(t *testing.T, id string, on summary.Date) ([]string, *summary.Record) {
	t.Helper()
	st, err := training.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rec, err := st.Record(context.Background(), id, on)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var paths []string
	for name, render := range map[string]func(*summary.Record, oqs.Encoding) ([]byte, error){
		"YZKsiquc01res_t1.xml": oqs.RenderDrugResult, "TKKsiquc01res_t1.xml": oqs.RenderCheckupResult,
	} {
		b, err := render(rec, oqs.ShiftJIS)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths, rec
}

func TestSummaryFromOQSFiles(t *testing.T) {
	on := summary.NewDate(2025, 3, 10)
	paths, rec := resultFiles(t, "warfarin-head-injury", on)
	code, out, errs := run(t, "", "summary", "-oqs", paths[0], "-oqs", paths[1], "-date", on.String(), "-mode", "normal", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	wantJSON, err := json.Marshal(summary.BuildOn(oqs.AsDelivered(rec), summary.Normal, on))
	if err != nil {
		t.Fatal(err)
	}
	var got, want map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(wantJSON, &want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("summary -oqs differs from the training view:\n got %s\nwant %s", out, wantJSON)
	}
	if !strings.Contains(out, `"training": true`) {
		t.Errorf("simulated files lost the training mark")
	}
}

func TestSummaryOQSBadFile(t *testing.T) {
	paths, _ := resultFiles(t, "shinryo-taro", summary.NewDate(2022, 8, 26))
	bad := filepath.Join(t.TempDir(), "YZKsiquc01res_bad.xml")
	os.WriteFile(bad, []byte(`<?xml version="1.0" encoding="UTF-8"?><XmlMsg><MessageHeader><ResultCode>1</ResultCode>`), 0o600)
	code, out, errs := run(t, "", "summary", "-oqs", paths[0], "-oqs", bad)
	if code != 1 || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	if !strings.HasPrefix(errs, "kyukyu summary: YZKsiquc01res_bad.xml: ") || !strings.Contains(errs, "truncated") || strings.Count(errs, "\n") != 1 {
		t.Errorf("stderr %q", errs)
	}
	code, _, errs = run(t, "", "summary", "-oqs", paths[0], "-demo", "shinryo-taro")
	if code != 2 || !strings.Contains(errs, "one of -demo ID, -card SERIAL or -oqs FILE") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func TestOQSSimUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"oqs-sim"}, "-dir DIR"},
		{[]string{"oqs-sim", "-dir", t.TempDir(), "-encoding", "EUC-JP"}, `"EUC-JP"`},
		{[]string{"oqs-sim", "-dir", t.TempDir(), "-error", "1:ok"}, "CODE:MESSAGE"},
		{[]string{"oqs-sim", "-dir", t.TempDir(), "-face", "nobody"}, `"nobody"`},
	} {
		code, _, errs := run(t, "", c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q", c.args, code, errs)
		}
	}
}
