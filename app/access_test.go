package app

import (
	"context"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"testing"

	"kyukyu/config"
	"kyukyu/summary"
	"kyukyu/ui"
)

// The window gets the hospital's rule, the system's account and the
// staff cards the machine-wide file names; a cards file that cannot be
// read is said, and its sign-ins are not offered.
func TestWireAccess(t *testing.T) {
	csv := filepath.Join(t.TempDir(), "staff.csv")
	if err := os.WriteFile(csv, []byte("uid,staff_id,name,department,groups\n04A1B2C3,S0042,山田,救急科,er-doctors\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := config.Parse("kyukyu.toml", []byte("emergency_viewers = ['%er-doctors']\nstaff_cards = '"+csv+"'\nstaff_max_hours = 8\n"))
	if err != nil {
		t.Fatal(err)
	}
	var d ui.Deps
	if err := wireAccess(&d, m, ""); err != nil {
		t.Fatal(err)
	}
	u, _ := user.Current()
	if d.Who.Account != u.Username || d.StaffHours != 8 || d.Access.Check(summary.Emergency, false, d.Who) == nil {
		t.Errorf("who %+v, hours %d, unlisted allowed", d.Who, d.StaffHours)
	}
	if s, err := d.Staff.Lookup(context.Background(), "04A1B2C3"); err != nil || s.ID != "S0042" {
		t.Errorf("staff %+v %v", s, err)
	}

	m, err = config.Parse("kyukyu.toml", []byte("staff_cards = '"+filepath.Join(t.TempDir(), "none.csv")+"'\n"))
	if err != nil {
		t.Fatal(err)
	}
	d = ui.Deps{}
	if err := wireAccess(&d, m, ""); err == nil || !strings.Contains(err.Error(), "staff: cannot read the staff cards") || d.Staff != nil {
		t.Errorf("missing cards file: %v, staff %v", err, d.Staff)
	}
}
