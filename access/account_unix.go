//go:build !windows

package access

import (
	"fmt"
	"os/user"
)

// Current is the account this process runs as, with its Unix groups.
func Current() (Who, error) {
	u, err := user.Current()
	if err != nil {
		return Who{}, fmt.Errorf("access: cannot tell who is signed in to the system: %w", err)
	}
	ids, err := u.GroupIds()
	if err != nil {
		return Who{}, fmt.Errorf("access: cannot read the groups of %s: %w", u.Username, err)
	}
	w := Who{Account: u.Username}
	for _, id := range ids {
		if g, err := user.LookupGroupId(id); err == nil {
			w.Groups = append(w.Groups, g.Name)
		}
	}
	return w, nil
}
