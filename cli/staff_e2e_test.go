//go:build e2e

package cli

import (
	"context"
	"errors"
	"strings"
	"testing"

	"kyukyu/internal/pgtest"
	"kyukyu/staff"
)

// The central staff_cards table on a private PostgreSQL: the administrator
// adds, lists and removes cards; a workstation reads them as its own
// enrolled role, and cannot change them.
func TestStaffCardsInTheCentralDatabase(t *testing.T) {
	srv := pgtest.Start(t)
	useHome(t)
	if code, _, errs := runHome(t, "audit", "central-init", "-url", srv.AdminURL); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := runHome(t, "audit", "central-enroll", "-url", srv.AdminURL, "-workstation", "ER-1", "-password", "w-pw"); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := runHome(t, "staff", "add", "-url", srv.AdminURL, "-uid", "012e4cd35a190b07", "-id", "S0042", "-name", "山田 太郎", "-department", "救急科", "-groups", "er-doctors;doctors")
	if code != 0 || !strings.Contains(out, "card 012E4CD35A190B07 signs in S0042") {
		t.Fatalf("add: exit %d %s %s", code, out, errs)
	}
	if code, _, errs := runHome(t, "staff", "add", "-url", srv.AdminURL, "-uid", "04A1B2C3", "-id", "N0107", "-name", "佐藤 花子", "-groups", "nurses"); code != 0 {
		t.Fatal(errs)
	}
	writer := srv.URL("kyukyu_ws_er_1", "w-pw")
	code, out, errs = runHome(t, "staff", "list", "-url", writer)
	if code != 0 || !strings.Contains(out, "012E4CD35A190B07  S0042") || !strings.Contains(out, "er-doctors;doctors") || !strings.Contains(out, "N0107") {
		t.Errorf("list: exit %d\n%s%s", code, out, errs)
	}
	machineFile(t, "audit_url = '"+writer+"'\nstaff_cards = 'central'\n")
	if code, out, errs := runHome(t, "staff", "list"); code != 0 || !strings.Contains(out, "S0042") {
		t.Errorf("list of the workstation's staff_cards: exit %d\n%s%s", code, out, errs)
	}
	s, err := staff.Central{URL: writer}.Lookup(context.Background(), "012E4CD35A190B07")
	if err != nil || s.ID != "S0042" || s.Department != "救急科" || len(s.Groups) != 2 {
		t.Errorf("lookup as the writer: %+v %v", s, err)
	}
	if err := staff.Add(context.Background(), writer, s); err == nil {
		t.Error("the writer role changed the staff cards")
	}
	if code, _, errs := runHome(t, "staff", "remove", "-url", srv.AdminURL, "-uid", "012e4cd35a190b07"); code != 0 {
		t.Fatal(errs)
	}
	if _, err := (staff.Central{URL: writer}).Lookup(context.Background(), "012E4CD35A190B07"); !errors.Is(err, staff.ErrUnknown) {
		t.Errorf("a removed card still signs in: %v", err)
	}
	if code, _, errs := runHome(t, "staff", "remove", "-url", srv.AdminURL, "-uid", "012e4cd35a190b07"); code != 1 || !strings.Contains(errs, "no card 012E4CD35A190B07 is registered") {
		t.Errorf("removing a card twice: exit %d %q", code, errs)
	}
	if code, _, errs := runHome(t, "staff", "add", "-uid", "04A1B2C3", "-id", "x", "-name", "y"); code != 2 || !strings.Contains(errs, "-url ADMIN_URL is needed") {
		t.Errorf("add without -url: exit %d %q", code, errs)
	}
}
