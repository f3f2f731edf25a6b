package access

import (
	"fmt"

	"golang.org/x/sys/windows"
)

// Current is the account this process runs as, with the domain and local
// groups of its token (as Windows checks them: deny-only groups, such as
// Administrators under UAC, grant nothing).
func Current() (Who, error) {
	t := windows.GetCurrentProcessToken()
	u, err := t.GetTokenUser()
	if err != nil {
		return Who{}, fmt.Errorf("access: cannot tell who is signed in to Windows: %w", err)
	}
	name, err := sidName(u.User.Sid)
	if err != nil {
		return Who{}, fmt.Errorf("access: cannot name the signed-in account: %w", err)
	}
	tg, err := t.GetTokenGroups()
	if err != nil {
		return Who{}, fmt.Errorf("access: cannot read the groups of %s: %w", name, err)
	}
	w := Who{Account: name}
	for _, g := range tg.AllGroups() {
		if g.Attributes&windows.SE_GROUP_ENABLED == 0 || g.Attributes&windows.SE_GROUP_USE_FOR_DENY_ONLY != 0 {
			continue
		}
		if n, err := sidName(g.Sid); err == nil { // a logon SID has no name
			w.Groups = append(w.Groups, n)
		}
	}
	return w, nil
}

// sidName is DOMAIN\name, or name for a SID without a domain.
func sidName(sid *windows.SID) (string, error) {
	account, domain, _, err := sid.LookupAccount("")
	if err != nil {
		return "", err
	}
	if domain == "" {
		return account, nil
	}
	return domain + `\` + account, nil
}
