package cli

import (
	"encoding/csv"
	"os/user"
	"path/filepath"
	"strings"
	"testing"

	"kyukyu/audit"
)

// The hospital grants emergency viewing to named accounts and groups: an
// account outside the list is refused with one line and exit 3, audited as
// denied under its own name, and still trains; a listed account and a
// listed group view, and the export names the account of every real view.
// The account and groups are the system's own (os/user), not a test's.
func TestEmergencyViewersDecideWhoViews(t *testing.T) {
	home := useHome(t)
	drug := filepath.Join("..", "testdata", "oqs", "drug.xml")
	u, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	g, err := user.LookupGroupId(u.Gid)
	if err != nil {
		t.Fatal(err)
	}

	machineFile(t, "emergency_viewers = ['someone-else', '%no-such-group-kyukyu']\n")
	code, out, errs := runHome(t, "summary", "-oqs", drug)
	if code != 3 || out != "" || strings.Count(errs, "\n") != 1 ||
		!strings.HasPrefix(errs, "kyukyu summary: この利用者には救急時閲覧の権限がありません") || !strings.Contains(errs, "emergency_viewers") {
		t.Errorf("unlisted account: exit %d, %q %q", code, out, errs)
	}
	if code, out, errs := runHome(t, "pdf", "-oqs", drug, "-o", filepath.Join(t.TempDir(), "x.pdf")); code != 3 || out != "" {
		t.Errorf("unlisted account printed: exit %d %s", code, errs)
	}
	if code, out, errs := runHome(t, "summary", "-demo", "shinryo-taro"); code != 0 || !strings.Contains(out, "訓練用") {
		t.Errorf("an unlisted account cannot train: exit %d %s", code, errs)
	}
	// Consent viewing is not restricted by the emergency list.
	if code, _, errs := runHome(t, "summary", "-oqs", drug, "-mode", "normal"); code != 0 {
		t.Errorf("with consent, no consent_viewers: exit %d %s", code, errs)
	}

	machineFile(t, "emergency_viewers = ['someone-else', '"+u.Username+"']\n")
	if code, _, errs := runHome(t, "summary", "-oqs", drug); code != 0 {
		t.Errorf("listed account: exit %d %s", code, errs)
	}
	machineFile(t, "emergency_viewers = ['someone-else', '%"+g.Name+"']\nconsent_viewers = ['someone-else']\n")
	if code, _, errs := runHome(t, "summary", "-oqs", drug); code != 0 {
		t.Errorf("listed group %s: exit %d %s", g.Name, code, errs)
	}
	if code, _, errs := runHome(t, "summary", "-oqs", drug, "-mode", "normal"); code != 3 || !strings.Contains(errs, "同意ありの閲覧の権限がありません") {
		t.Errorf("consent_viewers unlisted: exit %d %s", code, errs)
	}

	es := entries(t, home)
	want := []struct {
		mode   audit.Mode
		result audit.Result
	}{
		{audit.WithoutConsent, audit.Denied}, {audit.WithoutConsent, audit.Denied}, {audit.Training, audit.OK},
		{audit.WithConsent, audit.OK}, {audit.WithoutConsent, audit.OK}, {audit.WithoutConsent, audit.OK}, {audit.WithConsent, audit.Denied},
	}
	if len(es) != len(want) {
		t.Fatalf("%d entries, want %d", len(es), len(want))
	}
	for i, w := range want {
		e := es[i]
		if e.Mode != w.mode || e.Result != w.result || e.Operator != u.Username {
			t.Errorf("entry %d: %s %s by %q, want %s %s by %q", i+1, e.Mode, e.Result, e.Operator, w.mode, w.result, u.Username)
		}
		if w.result == audit.Denied && (e.Patient != "" || !strings.Contains(e.Output, u.Username)) {
			t.Errorf("denied entry %d names a patient or not the account: %+v", i+1, e)
		}
	}

	code, out, errs = runHome(t, "audit", "export", "-from", "2000-01-01", "-to", "2100-01-01")
	if code != 0 {
		t.Fatalf("export: exit %d %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[1:] {
		if r[col["モード"]] != "訓練" && r[col["操作者"]] != u.Username {
			t.Errorf("a real entry's row names %q, not the account", r[col["操作者"]])
		}
	}
}

// `kyukyu config` warns while anyone may view.
func TestConfigWarnsOfOpenViewing(t *testing.T) {
	machineFile(t, "consent_viewers = ['%doctors']\n")
	code, _, errs := run(t, "", "config")
	if code != 0 || !strings.Contains(errs, "warning: emergency_viewers is not set") || strings.Contains(errs, "consent_viewers is not set") {
		t.Errorf("exit %d, %q", code, errs)
	}
}

// staff_required: the command line signs nobody in, so its real views are
// refused, and its training is not.
func TestStaffRequiredRefusesTheCommandLine(t *testing.T) {
	home := useHome(t)
	machineFile(t, "staff_required = true\nstaff_cards = '/etc/kyukyu/staff.csv'\n")
	code, out, errs := runHome(t, "summary", "-oqs", filepath.Join("..", "testdata", "oqs", "drug.xml"))
	if code != 3 || out != "" || !strings.Contains(errs, "職員証でのサインインが必要です") || strings.Count(errs, "\n") != 1 {
		t.Errorf("exit %d, %q %q", code, out, errs)
	}
	if code, _, errs := runHome(t, "summary", "-demo", "shinryo-taro"); code != 0 {
		t.Errorf("training: exit %d %s", code, errs)
	}
	if es := entries(t, home); len(es) != 2 || es[0].Result != audit.Denied {
		t.Errorf("entries %+v", es)
	}
}
