// Package staff is the directory of staff ID cards (職員証) a hospital
// registers so staff sign in at shared terminals: card UID → staff ID,
// name, department and groups. It is a CSV file IT deploys, or the
// central database's staff_cards table (central.go).
package staff

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"kyukyu/access"
	"kyukyu/config"
)

// Directory finds the staff member of a card.
type Directory interface {
	// Lookup returns the staff member whose card has uid (upper-case hex);
	// ErrUnknown when no card has it.
	Lookup(ctx context.Context, uid string) (access.Staff, error)
}

// ErrUnknown is a card the directory does not hold.
var ErrUnknown = errors.New("staff: this card is not registered as a staff card")

// Header is the CSV file's first row.
var Header = []string{"uid", "staff_id", "name", "department", "groups"}

// groupSep separates the groups in one field: Windows group names may hold spaces.
const groupSep = ";"

// Cards is a directory held in memory: the CSV file as read.
type Cards map[string]access.Staff

// Lookup finds uid.
func (c Cards) Lookup(_ context.Context, uid string) (access.Staff, error) {
	if s, ok := c[uid]; ok {
		return s, nil
	}
	return access.Staff{}, ErrUnknown
}

// Open is the directory the machine-wide file names in staff_cards, with
// the central database at centralURL for "central"; nil when staff cards
// are not used.
func Open(m *config.Machine, centralURL string) (Directory, error) {
	v, ok := m.Value(config.StaffCards)
	switch {
	case !ok:
		return nil, nil
	case v == config.StaffCentral && centralURL == "":
		return nil, errors.New(`staff: staff_cards = "central" but no central database is set: set audit_url`)
	case v == config.StaffCentral:
		return Central{URL: centralURL}, nil
	}
	return LoadCSV(v)
}

// LoadCSV reads the cards file at path.
func LoadCSV(path string) (Cards, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("staff: cannot read the staff cards: %w", err)
	}
	c, err := ParseCSV(b)
	if err != nil {
		return nil, fmt.Errorf("staff: %s %w", path, err)
	}
	return c, nil
}

// ParseCSV reads a cards file: UTF-8 (a BOM, as Excel writes, is fine),
// the Header row, then one card per row.
func ParseCSV(b []byte) (Cards, error) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		return nil, errors.New("is not UTF-8: save it as CSV UTF-8 (Excel: CSV UTF-8 (コンマ区切り))")
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = len(Header)
	head, err := r.Read()
	if err != nil || strings.Join(head, ",") != strings.Join(Header, ",") {
		return nil, fmt.Errorf("line 1: the first row must be %s", strings.Join(Header, ","))
	}
	c := Cards{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return c, nil
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("line %d: %v", pe.Line, pe.Err)
			}
			return nil, err
		}
		s, err := Make(rec[0], rec[1], rec[2], rec[3], rec[4])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if _, dup := c[s.UID]; dup {
			return nil, fmt.Errorf("line %d: the card %s is listed twice", line, s.UID)
		}
		c[s.UID] = s
	}
}

// Make checks one card's fields as typed (uid in hex, groups separated by
// semicolons) and returns the staff member.
func Make(uid, id, name, department, groups string) (access.Staff, error) {
	u, err := hex.DecodeString(strings.TrimSpace(uid))
	if err != nil || len(u) < 4 || len(u) > 10 {
		return access.Staff{}, fmt.Errorf("uid %q is not a card UID: 4 to 10 bytes in hex, as `kyukyu card read` prints it", uid)
	}
	s := access.Staff{UID: strings.ToUpper(hex.EncodeToString(u)), ID: strings.TrimSpace(id), Name: strings.TrimSpace(name), Department: strings.TrimSpace(department)}
	if s.ID == "" || s.Name == "" || strings.ContainsAny(s.ID, "\t\n") {
		return access.Staff{}, errors.New("staff_id and name must be set (the staff ID without tabs)")
	}
	for _, g := range strings.Split(groups, groupSep) {
		if g = strings.TrimSpace(g); g != "" {
			s.Groups = append(s.Groups, g)
		}
	}
	return s, nil
}
