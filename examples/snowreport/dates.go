package main

import (
	"errors"
	"fmt"
	"strings"
)

// dateOrder says how the two leading numbers of a date such as 03/04/2016
// are read: day first (dmy, ServiceNow's dd-MM-yyyy and the public audit
// export's d/m/yyyy) or month first (mdy, the US MM-dd-yyyy). Dates that
// start with the year (yyyy-MM-dd, ServiceNow's default, and ISO 8601) do
// not depend on it.
type dateOrder uint8

const (
	orderUnknown dateOrder = iota
	dayFirst
	monthFirst
)

func (o dateOrder) String() string {
	switch o {
	case dayFirst:
		return "day first (dd-MM-yyyy)"
	case monthFirst:
		return "month first (MM-dd-yyyy)"
	}
	return "not needed (no dd-MM or MM-dd dates)"
}

// parseDateOrder reads the -dates flag: "dmy" or "mdy", or a layout that
// says the same ("dd-MM-yyyy", "d/M/yyyy", "MM/dd/yyyy", ...); "" leaves
// the order to the export.
func parseDateOrder(v string) (dateOrder, error) {
	switch w := strings.TrimSpace(v); {
	case w == "":
		return orderUnknown, nil
	case strings.EqualFold(w, "dmy"):
		return dayFirst, nil
	case strings.EqualFold(w, "mdy"):
		return monthFirst, nil
	default:
		d, m := strings.Index(w, "d"), strings.Index(w, "M")
		if d >= 0 && m >= 0 && strings.Contains(w, "yyyy") && !strings.HasPrefix(w, "y") {
			if d < m {
				return dayFirst, nil
			}
			return monthFirst, nil
		}
	}
	return orderUnknown, fmt.Errorf("-dates %q: use dmy (dd-MM-yyyy) or mdy (MM-dd-yyyy)", v)
}

// dateEvidence is what one dd-MM / MM-dd date says about the order: a first
// number over 12 can only be a day, a second one over 12 only a day too.
type dateEvidence uint8

const (
	evidenceNone dateEvidence = iota
	evidenceDayFirst
	evidenceMonthFirst
)

var errDate = errors.New("not a date and time")

// parseInstant reads one date and time of an export as seconds since the
// Unix epoch. Accepted, with "-" or "/" between the date's numbers:
//
//	yyyy-MM-dd HH:mm[:ss]             ServiceNow's default format
//	yyyy-MM-ddTHH:mm:ss[.fff][Z|±hh:mm|±hhmm]  ISO 8601, zone applied
//	d-M-yyyy H:mm[:ss]                one or two digits for day, month, hour
//	M-d-yyyy H:mm[:ss]                when order is monthFirst
//	any of those with "AM"/"PM" after the time (12-hour clock)
//
// Times without a zone are read as UTC (the export carries none). The
// evidence says what a d-M / M-d date tells about the order, whatever
// order was used to read it; withOrder reports whether the date needed it.
func parseInstant(v []byte, order dateOrder) (sec int64, ev dateEvidence, withOrder bool, err error) {
	p := dateParser{s: trimSpace(v)}
	year, month, day, ev, withOrder, ok := p.date(order)
	if !ok {
		return 0, ev, withOrder, errDate
	}
	if !p.eat('T') && !p.eat(' ') {
		return 0, ev, withOrder, errDate
	}
	for p.eat(' ') {
	}
	hour, minute, second, ok := p.clock()
	if !ok {
		return 0, ev, withOrder, errDate
	}
	offset, ok := p.zone()
	if !ok {
		return 0, ev, withOrder, errDate
	}
	for p.eat(' ') {
	}
	if hour, ok = p.meridiem(hour); !ok {
		return 0, ev, withOrder, errDate
	}
	days := daysFromCivil(year, month, day)
	return days*86400 + int64(hour*3600+minute*60+second-offset), ev, withOrder, nil
}

// date reads yyyy-MM-dd, or d-M-yyyy / M-d-yyyy in the given order (then
// withOrder is true and ev says what the numbers tell about the order);
// ok is false when it is not a valid date.
func (p *dateParser) date(order dateOrder) (year, month, day int, ev dateEvidence, withOrder, ok bool) {
	a, na := p.number(4)
	if na == 4 {
		year = a
		if !p.sep() {
			return 0, 0, 0, 0, false, false
		}
		if month, na = p.number(2); na == 0 || !p.sep() {
			return 0, 0, 0, 0, false, false
		}
		if day, na = p.number(2); na == 0 {
			return 0, 0, 0, 0, false, false
		}
	} else {
		if na == 0 || na > 2 || !p.sep() {
			return 0, 0, 0, 0, false, false
		}
		b, nb := p.number(2)
		if nb == 0 || !p.sep() {
			return 0, 0, 0, 0, false, false
		}
		if year, na = p.number(4); na != 4 {
			return 0, 0, 0, 0, false, false
		}
		withOrder = true
		switch {
		case a > 12 && b <= 12:
			ev = evidenceDayFirst
		case b > 12 && a <= 12:
			ev = evidenceMonthFirst
		}
		switch order {
		case monthFirst:
			month, day = a, b
		default:
			day, month = a, b
		}
	}
	ok = month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month)
	return year, month, day, ev, withOrder, ok
}

// clock reads H:mm[:ss[.fff]] (the fraction is read and dropped); the
// hour is checked with the meridiem.
func (p *dateParser) clock() (hour, minute, second int, ok bool) {
	hour, nh := p.number(2)
	if nh == 0 || !p.eat(':') {
		return 0, 0, 0, false
	}
	minute, nm := p.number(2)
	if nm != 2 || minute > 59 {
		return 0, 0, 0, false
	}
	if p.eat(':') {
		var ns int
		if second, ns = p.number(2); ns != 2 || second > 59 {
			return 0, 0, 0, false
		}
		if p.eat('.') || p.eat(',') {
			if _, nf := p.number(9); nf == 0 {
				return 0, 0, 0, false
			}
		}
	}
	return hour, minute, second, true
}

// zone reads an optional Z, ±hh:mm or ±hhmm: the offset east of UTC in
// seconds (0 without a zone).
func (p *dateParser) zone() (offset int, ok bool) {
	switch {
	case p.eat('Z'):
	case p.peek('+') || p.peek('-'):
		sign := 1
		if p.s[p.i] == '-' {
			sign = -1
		}
		p.i++
		oh, n := p.number(2)
		if n != 2 {
			return 0, false
		}
		p.eat(':')
		om, n := p.number(2)
		if n != 2 || oh > 14 || om > 59 {
			return 0, false
		}
		offset = sign * (oh*3600 + om*60)
	}
	return offset, true
}

// meridiem reads what is left: nothing (a 24-hour clock) or AM / PM after
// a 12-hour clock's hour; it returns the hour of the 24-hour clock.
func (p *dateParser) meridiem(hour int) (int, bool) {
	if p.i < len(p.s) {
		rest := strings.ToUpper(string(p.s[p.i:]))
		if rest != "AM" && rest != "PM" || hour < 1 || hour > 12 {
			return 0, false
		}
		hour %= 12
		if rest == "PM" {
			hour += 12
		}
		p.i = len(p.s)
	}
	return hour, hour <= 23
}

type dateParser struct {
	s []byte
	i int
}

// number reads up to max digits and returns their value and count.
func (p *dateParser) number(max int) (int, int) {
	v, n := 0, 0
	for n < max && p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		v = v*10 + int(p.s[p.i]-'0')
		p.i++
		n++
	}
	return v, n
}

func (p *dateParser) sep() bool { return p.eat('-') || p.eat('/') }

func (p *dateParser) peek(c byte) bool { return p.i < len(p.s) && p.s[p.i] == c }

func (p *dateParser) eat(c byte) bool {
	if p.peek(c) {
		p.i++
		return true
	}
	return false
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is the number of days from 1970-01-01 to the given date of
// the proleptic Gregorian calendar (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}
