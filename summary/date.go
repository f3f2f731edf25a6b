package summary

import (
	"fmt"
	"time"
	_ "time/tzdata" // periods are Japan dates whatever the machine's zone or tz database
)

// Tokyo is the zone every period is evaluated in.
var Tokyo = mustLoad("Asia/Tokyo")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("summary: embedded tzdata lacks " + name + ": " + err.Error())
	}
	return loc
}

// Date is a civil date in Japan, with no time of day and no zone, so that
// comparisons never depend on the machine's TZ.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the Japanese calendar date of an instant.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Tokyo).Date()
	return Date{y, m, d}
}

// NewDate normalises like time.Date (day 0 is the last day of the previous month).
func NewDate(y int, m time.Month, d int) Date { return civil(daysOf(y, m, d)) }

// daysOf counts the days from 1970-01-01 to a date of the proleptic
// Gregorian calendar, as time.Date, month and day normalised as it does;
// civil is its inverse. Plain arithmetic (H. Hinnant's algorithms): the
// supply arithmetic moves dates hundreds of thousands of times.
func daysOf(y int, m time.Month, d int) int {
	mm := int(m) - 1
	y += floorDiv(mm, 12)
	mm -= floorDiv(mm, 12) * 12 // 0 January … 11 December
	if mm < 2 {
		y-- // the year runs from March: the leap day ends it
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	doy := (153*((mm+10)%12)+2)/5 + d - 1
	return era*146097 + yoe*365 + yoe/4 - yoe/100 + doy - 719468
}

func civil(days int) Date {
	z := days + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153 // 0 March … 11 February
	y, m := yoe+era*400, mp+3
	if m > 12 {
		y, m = y+1, m-12
	}
	return Date{y, time.Month(m), doy - (153*mp+2)/5 + 1}
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// ParseDate reads YYYY-MM-DD and refuses dates that do not exist (2023-02-30).
func ParseDate(s string) (Date, error) {
	t, err := time.ParseInLocation("2006-01-02", s, Tokyo)
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not a real date in the form YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// AddDays returns d moved by n calendar days.
func (d Date) AddDays(n int) Date { return civil(daysOf(d.Year, d.Month, d.Day) + n) }

// Compare returns -1, 0 or +1.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	}
	return cmpInt(d.Day, e.Day)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports d < e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// DaysUntil counts calendar days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int {
	return daysOf(e.Year, e.Month, e.Day) - daysOf(d.Year, d.Month, d.Day)
}

// MonthOf is the month d falls in.
func (d Date) MonthOf() Month { return Month{d.Year, d.Month} }

// AgeOn is the age in completed years on day on.
func (d Date) AgeOn(on Date) int {
	age := on.Year - d.Year
	if on.Month < d.Month || (on.Month == d.Month && on.Day < d.Day) {
		age--
	}
	return age
}

func (d Date) String() string { return string(d.appendText(nil)) }

// appendText appends YYYY-MM-DD (nothing for the zero date) without fmt:
// the JSON of a long record writes tens of thousands of dates.
func (d Date) appendText(b []byte) []byte {
	switch {
	case d.IsZero():
		return b
	case d.Year < 0 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 99:
		return fmt.Appendf(b, "%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	y, m := d.Year, int(d.Month)
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d.Day/10), byte('0'+d.Day%10))
}

// Japanese is the long form of the sample, 2022年8月26日.
func (d Date) Japanese() string { return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day) }

// Short is the two-digit-year form of the sample's tables, 22年8月 2日;
// 日付不明 for a row whose date the source could not give.
func (d Date) Short() string {
	if d.IsZero() {
		return "日付不明"
	}
	return fmt.Sprintf("%02d年%d月%2d日", d.Year%100, int(d.Month), d.Day)
}

func (d Date) MarshalText() ([]byte, error) { return d.appendText(make([]byte, 0, 10)), nil }

func (d *Date) UnmarshalText(b []byte) error {
	p, err := ParseDate(string(b))
	*d = p
	return err
}

// Month is a calendar month, the granularity of visits and receipt data.
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth reads YYYY-MM.
func ParseMonth(s string) (Month, error) {
	t, err := time.ParseInLocation("2006-01", s, Tokyo)
	if err != nil {
		return Month{}, fmt.Errorf("month %q is not in the form YYYY-MM", s)
	}
	return Month{t.Year(), t.Month()}, nil
}

// Add moves m by n months.
func (m Month) Add(n int) Month {
	d := NewDate(m.Year, m.Month+time.Month(n), 1)
	return Month{d.Year, d.Month}
}

// First is the first day of m.
func (m Month) First() Date { return Date{m.Year, m.Month, 1} }

// Last is the last day of m.
func (m Month) Last() Date { return NewDate(m.Year, m.Month+1, 0) }

// Compare returns -1, 0 or +1.
func (m Month) Compare(n Month) int { return m.First().Compare(n.First()) }

func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// Japanese is 2022年6月.
func (m Month) Japanese() string { return fmt.Sprintf("%d年%d月", m.Year, int(m.Month)) }

// Short is the sample's 22年7月.
func (m Month) Short() string { return fmt.Sprintf("%02d年%d月", m.Year%100, int(m.Month)) }

func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

func (m *Month) UnmarshalText(b []byte) error {
	p, err := ParseMonth(string(b))
	*m = p
	return err
}
