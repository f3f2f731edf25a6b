package staff

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kyukyu/config"
)

// A cards file as IT writes it in Excel (CSV UTF-8, with its BOM).
const cardsFile = "\ufeffuid,staff_id,name,department,groups\r\n" +
	"012e4cd35a190b07,S0042,山田 太郎,救急科,er-doctors;HOSP\\Domain Users\r\n" +
	"04A1B2C3,N0107,佐藤 花子,,nurses\r\n"

func TestCardsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "staff.csv")
	if err := os.WriteFile(path, []byte(cardsFile), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := config.Parse("kyukyu.toml", []byte("staff_cards = '"+path+"'\n"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Open(m, "")
	if err != nil {
		t.Fatal(err)
	}
	s, err := d.Lookup(context.Background(), "012E4CD35A190B07")
	if err != nil || s.ID != "S0042" || s.Name != "山田 太郎" || s.Department != "救急科" || strings.Join(s.Groups, "|") != `er-doctors|HOSP\Domain Users` {
		t.Errorf("%+v %v", s, err)
	}
	if _, err := d.Lookup(context.Background(), "DEADBEEF"); !errors.Is(err, ErrUnknown) {
		t.Errorf("unknown card: %v", err)
	}
	if d, err := Open(&config.Machine{}, ""); d != nil || err != nil {
		t.Errorf("no staff_cards: %v %v", d, err)
	}
}

func TestBadCardsFileIsOneLine(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"uid,id,name\n", "line 1: the first row must be uid,staff_id,name,department,groups"},
		{"uid,staff_id,name,department,groups\n04A1B2C3,S1,山田,救急科,a\n04a1b2c3,S2,佐藤,,b\n", "line 3: the card 04A1B2C3 is listed twice"},
		{"uid,staff_id,name,department,groups\n04A1,S1,山田,,\n", `line 2: uid "04A1" is not a card UID`},
		{"uid,staff_id,name,department,groups\n04A1B2C3,,山田,,\n", "line 2: staff_id and name must be set"},
		{"uid,staff_id,name,department,groups\n04A1B2C3,S1,山田\n", "line 2: wrong number of fields"},
		{"uid,staff_id,name,department,groups\n04A1B2C3,S1,\x8eR\x93c,,\n", "is not UTF-8: save it as CSV UTF-8"},
	} {
		_, err := ParseCSV([]byte(tc.file))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q:\n got %v\nwant %q…", tc.file, err, tc.want)
		}
	}
}
