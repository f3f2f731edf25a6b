package cli

import (
	"errors"
	"fmt"

	"kyukyu/access"
	"kyukyu/summary"
)

// deniedLines are what the person at the terminal is told of a refused
// view, by why and mode (the window says the same in its own words).
var deniedLines = map[access.Why]map[summary.Mode]string{
	access.NotListed: {summary.Emergency: "この利用者には救急時閲覧の権限がありません (no right to emergency viewing)",
		summary.Normal: "この利用者には同意ありの閲覧の権限がありません (no right to viewing with consent)"},
	access.NoStaff: {summary.Emergency: "職員証でのサインインが必要です (a staff card sign-in is needed: use the window)",
		summary.Normal: "職員証でのサインインが必要です (a staff card sign-in is needed: use the window)"},
}

// mayView checks the hospital's right to view real data in mode for the
// account running the command (the command line has no staff sign-in).
func (p *patientFlags) mayView(mode summary.Mode) error {
	pol := access.FromMachine(p.machine)
	if len(pol.Viewers) == 0 && !pol.StaffRequired {
		return nil
	}
	who, err := access.Current()
	if err != nil {
		return err
	}
	var d *access.Denied
	if err := pol.Check(mode, false, who); errors.As(err, &d) {
		return fmt.Errorf("%s: %w", deniedLines[d.Why][d.Mode], d)
	}
	return nil
}
