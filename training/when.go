package training

import (
	"fmt"
	"strconv"
	"strings"

	"kyukyu/summary"
)

// Training dates are stored as specs relative to the creation date, so a
// session on any day shows current-looking data with the same boundaries:
//
//	2022-08-02   an absolute date (the seed's sample keeps its own dates)
//	d-45         45 days before the creation date
//	m-2:1        the 1st of the month two months before the creation month
//	m-3:L        the last day of that month
//	y-78:03-14   14 March, 78 years before the creation year
//
// Months for visits: 2022-07, or m-2.

func resolveDate(spec string, on summary.Date) (summary.Date, error) {
	bad := fmt.Errorf("training: bad date spec %q", spec)
	if len(spec) < 2 {
		return summary.Date{}, bad
	}
	switch spec[0] {
	case 'd':
		n, err := strconv.Atoi(spec[1:])
		if err != nil {
			return summary.Date{}, bad
		}
		return on.AddDays(n), nil
	case 'm':
		ms, ds, ok := strings.Cut(spec[1:], ":")
		n, err := strconv.Atoi(ms)
		if !ok || err != nil {
			return summary.Date{}, bad
		}
		m := on.MonthOf().Add(n)
		if ds == "L" {
			return m.Last(), nil
		}
		d, err := strconv.Atoi(ds)
		if err != nil || d < 1 || d > m.Last().Day {
			return summary.Date{}, bad
		}
		return summary.Date{Year: m.Year, Month: m.Month, Day: d}, nil
	case 'y':
		ys, md, ok := strings.Cut(spec[1:], ":")
		n, err := strconv.Atoi(ys)
		if !ok || err != nil {
			return summary.Date{}, bad
		}
		return summary.ParseDate(fmt.Sprintf("%04d-%s", on.Year+n, md))
	}
	return summary.ParseDate(spec)
}

func resolveMonth(spec string, on summary.Date) (summary.Month, error) {
	if strings.HasPrefix(spec, "m") {
		n, err := strconv.Atoi(spec[1:])
		if err != nil {
			return summary.Month{}, fmt.Errorf("training: bad month spec %q", spec)
		}
		return on.MonthOf().Add(n), nil
	}
	return summary.ParseMonth(spec)
}

func daysAgo(n int) string                { return fmt.Sprintf("d%d", -n) }
func monthsAgo(n int) string              { return fmt.Sprintf("m%d", -n) }
func monthDay(n int, day string) string   { return fmt.Sprintf("m%d:%s", -n, day) }
func born(yearsAgo int, md string) string { return fmt.Sprintf("y%d:%s", -yearsAgo, md) }
