package calendar

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/gregorian"
)

// SkippedEvent is an event, or part of one, of an iCalendar feed that
// ParseICal read but did not turn into holidays: a timed event, a recurrence
// that is not yearly, a cancelled event. Line is the line of the property
// that decided it (DTSTART for a timed event, RRULE for a recurrence).
type SkippedEvent struct {
	Line    int    `json:"line"`
	Summary string `json:"summary"`
	Reason  string `json:"reason"`
}

// String formats s as `line 12: "Team offsite": timed event (...)`.
func (s SkippedEvent) String() string {
	return fmt.Sprintf("line %d: %q: %s", s.Line, clip(s.Summary), s.Reason)
}

// maxICalRulesPerEvent bounds the rules one event becomes (an RRULE with
// BYMONTH=1,...,12 and BYMONTHDAY=1,...,31 would otherwise make 372); a
// holiday feed needs a handful.
const maxICalRulesPerEvent = 31

// maxICalDepth bounds the nesting of components.
const maxICalDepth = 16

// ParseICal reads an iCalendar (RFC 5545) holiday feed, such as the ones
// Google, Outlook or a government publish, and returns its all-day events as
// a holiday set, with a report of the events it skipped.
//
// It reads folded lines (a line that starts with a space or a tab continues
// the previous one), CRLF or LF line ends, and every VEVENT of every
// VCALENDAR; other components (VTIMEZONE, VTODO, VALARM) are ignored. An
// event becomes a full-day holiday named by its SUMMARY:
//
//   - DTSTART;VALUE=DATE:20261225 (or a bare 8-digit date) is its first day;
//     an exclusive DTEND or a DURATION of whole days (P3D, P1W) makes it a
//     closure of several days, at most 366.
//   - RRULE:FREQ=YEARLY repeats it, with INTERVAL, COUNT or UNTIL, BYMONTH,
//     BYMONTHDAY (positive days) and BYDAY (e.g. BYDAY=4TH for the fourth
//     Thursday, -1MO for the last Monday, MO for every Monday of the months);
//     BYDAY with seven consecutive BYMONTHDAY values (BYMONTHDAY=2,...,8) is
//     the weekday on or after the first of them, as RFC 5545 writes "the
//     first Tuesday after the first Monday". DTSTART always counts as an
//     occurrence, as RFC 5545 says.
//   - EXDATE removes occurrences; RDATE adds dates.
//
// Events with a time (DTSTART:20260301T090000Z, or with a TZID), cancelled
// events, and recurrences it cannot express as yearly rules (FREQ=WEEKLY,
// BYSETPOS, negative BYMONTHDAY, BYDAY without BYMONTH, ...) are skipped and
// reported, not guessed at.
//
// The rules are resolved lazily, one year at a time, when a calendar asks
// for them, so a feed with COUNT=1000000000 or a rule for the year 9999
// costs no more than any other. Malformed input fails with a *SyntaxError
// that gives the line (where a folded content line starts) and the column
// in the unfolded line; a feed that closes more than MaxHolidayDays days a
// year fails with a *FieldError.
func ParseICal(data []byte) (Holidays, []SkippedEvent, error) {
	p := icalParser{}
	if err := p.parse(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))); err != nil {
		return Holidays{}, nil, err
	}
	h, err := NewHolidays(p.rules...)
	if err != nil {
		return Holidays{}, nil, err
	}
	return h, p.skipped, nil
}

// icalProp is one unfolded content line: NAME;PARAM=V:VALUE.
type icalProp struct {
	line     int
	name     string // upper case
	params   map[string]string
	value    string
	valueCol int // 1-based column of value in text
	text     string
}

func (p icalProp) err(col int, reason string) error {
	return &SyntaxError{Input: clip(p.text), Line: p.line, Column: col, Reason: reason}
}

type icalEvent struct {
	begin                                  int
	dtstart, dtend, duration, summary, uid *icalProp
	rrule, status                          *icalProp
	exdates, rdates                        []icalProp
}

type icalParser struct {
	rules   []Rule
	skipped []SkippedEvent
	total   int // days a year of the rules so far
}

// parse splits data into unfolded content lines and runs the component
// state machine over them.
func (p *icalParser) parse(data []byte) error {
	var (
		stack   []icalProp // BEGIN lines of the open components
		event   *icalEvent
		cur     []byte // the content line being unfolded
		curLine int
		seen    bool // some VCALENDAR began
		lastNo  int
	)
	handle := func(lineNo int, text string) error {
		prop, err := parseICalLine(lineNo, text)
		if err != nil {
			return err
		}
		switch prop.name {
		case "BEGIN":
			comp := strings.ToUpper(prop.value)
			switch {
			case len(stack) == 0 && comp != "VCALENDAR":
				return prop.err(prop.valueCol, "want BEGIN:VCALENDAR first")
			case len(stack) >= maxICalDepth:
				return prop.err(1, "components nested too deeply")
			case comp == "VCALENDAR" && len(stack) > 0:
				return prop.err(prop.valueCol, "VCALENDAR inside another component")
			}
			if comp == "VEVENT" && len(stack) == 1 {
				event = &icalEvent{begin: lineNo}
			}
			prop.value = comp
			stack = append(stack, prop)
			seen = true
			return nil
		case "END":
			comp := strings.ToUpper(prop.value)
			if len(stack) == 0 {
				return prop.err(prop.valueCol, "END:"+clip(prop.value)+" without BEGIN")
			}
			open := stack[len(stack)-1]
			if comp != open.value {
				return prop.err(prop.valueCol, fmt.Sprintf("END:%s does not close BEGIN:%s of line %d", clip(comp), open.value, open.line))
			}
			stack = stack[:len(stack)-1]
			if comp == "VEVENT" && len(stack) == 1 {
				err := p.event(event)
				event = nil
				return err
			}
			return nil
		}
		if len(stack) == 0 {
			return prop.err(1, "content outside BEGIN:VCALENDAR ... END:VCALENDAR")
		}
		if event == nil || len(stack) != 2 {
			return nil // properties of the calendar or of other components
		}
		return event.add(prop)
	}
	flush := func() error {
		if cur == nil {
			return nil
		}
		err := handle(curLine, string(cur))
		cur = nil
		return err
	}
	for len(data) > 0 {
		lastNo++
		var raw []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i], data[i+1:]
		} else {
			raw, data = data, nil
		}
		raw = bytes.TrimSuffix(raw, []byte("\r"))
		if len(raw) > 0 && (raw[0] == ' ' || raw[0] == '\t') {
			if cur == nil {
				return &SyntaxError{Input: clip(string(raw)), Line: lastNo, Column: 1, Reason: "continuation line with no line to continue"}
			}
			cur = append(cur, raw[1:]...)
			continue
		}
		if err := flush(); err != nil {
			return err
		}
		if len(raw) > 0 {
			cur, curLine = append([]byte(nil), raw...), lastNo
		}
	}
	if err := flush(); err != nil {
		return err
	}
	switch {
	case len(stack) > 0:
		open := stack[len(stack)-1]
		return &SyntaxError{Input: clip(open.text), Line: max(lastNo, 1), Column: 1, Reason: fmt.Sprintf("BEGIN:%s of line %d is never closed", open.value, open.line)}
	case !seen:
		return &SyntaxError{Line: max(lastNo, 1), Column: 1, Reason: "no BEGIN:VCALENDAR; not an iCalendar feed"}
	}
	return nil
}

func isICalNameChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
}

// parseICalLine splits a content line into name, parameters and value
// (RFC 5545 section 3.1). Quoted parameter values may hold ';', ':' and ','.
func parseICalLine(lineNo int, s string) (icalProp, error) {
	p := icalProp{line: lineNo, text: s}
	i := 0
	for i < len(s) && isICalNameChar(s[i]) {
		i++
	}
	if i == 0 {
		return p, p.err(1, "want a property name")
	}
	p.name = strings.ToUpper(s[:i])
	for i < len(s) && s[i] == ';' {
		i++
		j := i
		for i < len(s) && isICalNameChar(s[i]) {
			i++
		}
		if i == j || i >= len(s) || s[i] != '=' {
			return p, p.err(i+1, "want a parameter NAME=VALUE")
		}
		name := strings.ToUpper(s[j:i])
		i++
		start := i
		for {
			if i < len(s) && s[i] == '"' {
				end := strings.IndexByte(s[i+1:], '"')
				if end < 0 {
					return p, p.err(i+1, "unterminated quoted parameter value")
				}
				i += end + 2
			} else {
				for i < len(s) && s[i] != ';' && s[i] != ':' && s[i] != ',' && s[i] != '"' {
					i++
				}
			}
			if i < len(s) && s[i] == ',' {
				i++
				continue
			}
			break
		}
		if p.params == nil {
			p.params = map[string]string{}
		}
		p.params[name] = strings.ToUpper(strings.Trim(s[start:i], `"`))
	}
	if i >= len(s) || s[i] != ':' {
		return p, p.err(i+1, "want ':' before the value")
	}
	p.value, p.valueCol = s[i+1:], i+2
	return p, nil
}

func (e *icalEvent) add(p icalProp) error {
	one := func(slot **icalProp) error {
		if *slot != nil {
			return p.err(1, fmt.Sprintf("second %s in the VEVENT of line %d", p.name, e.begin))
		}
		*slot = &p
		return nil
	}
	switch p.name {
	case "DTSTART":
		return one(&e.dtstart)
	case "DTEND":
		return one(&e.dtend)
	case "DURATION":
		return one(&e.duration)
	case "SUMMARY":
		return one(&e.summary)
	case "UID":
		return one(&e.uid)
	case "RRULE":
		return one(&e.rrule)
	case "STATUS":
		return one(&e.status)
	case "EXDATE":
		e.exdates = append(e.exdates, p)
	case "RDATE":
		e.rdates = append(e.rdates, p)
	}
	return nil
}

// parseICalDate reads YYYYMMDD, and with timed also YYYYMMDDTHHMMSS[Z],
// returning the date and whether a time was given.
func parseICalDate(s string) (d date.Date, timed, ok bool) {
	if len(s) != 8 {
		if len(s) != 15 && !(len(s) == 16 && s[15] == 'Z') || s[8] != 'T' {
			return 0, false, false
		}
		hh, ok1 := digits(s[9:11], 99)
		mm, ok2 := digits(s[11:13], 99)
		ss, ok3 := digits(s[13:15], 99)
		if !ok1 || !ok2 || !ok3 || hh > 23 || mm > 59 || ss > 60 {
			return 0, false, false
		}
		timed = true
	}
	y, ok1 := digits(s[0:4], 9999)
	m, ok2 := digits(s[4:6], 99)
	day, ok3 := digits(s[6:8], 99)
	if !ok1 || !ok2 || !ok3 || y < MinYear || m < 1 || m > 12 || day < 1 || day > gregorian.DaysIn(y, time.Month(m)) {
		return 0, false, false
	}
	return date.New(y, time.Month(m), day), timed, true
}

// digits returns the value of s, a non-empty string of ASCII digits. A
// value above limit reads as limit, so that no input overflows (and wraps
// round to a valid month).
func digits(s string, limit int) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		if n = n*10 + int(s[i]-'0'); n > limit {
			n = limit
		}
	}
	return n, len(s) > 0
}

// unescapeText undoes RFC 5545 TEXT escaping.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func (p *icalParser) skip(line int, summary, reason string) {
	p.skipped = append(p.skipped, SkippedEvent{Line: line, Summary: summary, Reason: reason})
}

// event turns a finished VEVENT into rules, or reports why it cannot.
func (p *icalParser) event(e *icalEvent) error {
	name := ""
	if e.summary != nil {
		name = unescapeText(e.summary.value)
	}
	summary := name
	if strings.TrimSpace(name) == "" {
		name = fmt.Sprintf("VEVENT of line %d", e.begin)
		if e.uid != nil && strings.TrimSpace(e.uid.value) != "" {
			name = unescapeText(e.uid.value)
		}
	}
	if e.dtstart == nil {
		return &SyntaxError{Line: e.begin, Column: 1, Reason: "VEVENT without DTSTART"}
	}
	if e.status != nil && strings.EqualFold(strings.TrimSpace(e.status.value), "CANCELLED") {
		p.skip(e.status.line, summary, "cancelled event (STATUS:CANCELLED)")
		return nil
	}
	ds := e.dtstart
	start, timed, ok := parseICalDate(ds.value)
	kind := ds.params["VALUE"]
	switch {
	case !ok:
		return ds.err(ds.valueCol, fmt.Sprintf("bad DTSTART %q; want a date such as 20261225", clip(ds.value)))
	case kind != "" && kind != "DATE" && kind != "DATE-TIME":
		return ds.err(ds.valueCol, "DTSTART must be a DATE or a DATE-TIME, not "+clip(kind))
	case timed && kind == "DATE":
		return ds.err(ds.valueCol, "DTSTART has VALUE=DATE but a time")
	case !timed && kind == "DATE-TIME":
		return ds.err(ds.valueCol, "DTSTART has VALUE=DATE-TIME but no time")
	case timed:
		p.skip(ds.line, summary, fmt.Sprintf("timed event (DTSTART %s); only all-day events are holidays", clip(ds.value)))
		return nil
	}
	days, err := p.length(e, start, summary)
	if err != nil || days == 0 {
		return err
	}
	exdates, err := icalDates(e.exdates, nil)
	if err != nil {
		return err
	}
	var rules []Rule
	if e.rrule != nil {
		var reason string
		rules, reason, err = yearlyRules(e.rrule, start)
		if err != nil {
			return err
		}
		if reason != "" {
			p.skip(e.rrule.line, summary, reason)
			return nil
		}
	} else {
		rules = []Rule{{On: FixedDate, Date: start}}
	}
	var timedRDates []icalProp
	rdates, err := icalDates(e.rdates, &timedRDates)
	if err != nil {
		return err
	}
	for _, rd := range timedRDates {
		p.skip(rd.line, summary, fmt.Sprintf("timed RDATE %s; only dates are holidays", clip(rd.value)))
	}
	for _, d := range rdates {
		rules = append(rules, Rule{On: FixedDate, Date: d})
	}
	for _, r := range rules {
		r.Name, r.Days = name, days
		if r.On == FixedDate {
			if slices.Contains(exdates, r.Date) {
				continue
			}
		} else {
			for _, x := range exdates {
				if first, ok := r.occurs(x.Year()); ok && first == x {
					r.Except = append(r.Except, x)
				}
			}
		}
		if p.total += r.length(); p.total > MaxHolidayDays {
			return &FieldError{Field: "holidays", Value: fmt.Sprintf("VEVENT of line %d", e.begin), Reason: fmt.Sprintf("the feed closes more than %d days a year", MaxHolidayDays)}
		}
		p.rules = append(p.rules, r)
	}
	return nil
}

// length returns the event's days from DTEND or DURATION, or 0 when it
// skipped the event.
func (p *icalParser) length(e *icalEvent, start date.Date, summary string) (int, error) {
	days := 1
	switch {
	case e.dtend != nil && e.duration != nil:
		return 0, e.duration.err(1, "DURATION and DTEND in one VEVENT")
	case e.dtend != nil:
		end, timed, ok := parseICalDate(e.dtend.value)
		if !ok || timed {
			return 0, e.dtend.err(e.dtend.valueCol, fmt.Sprintf("bad DTEND %q; want a date such as 20261226, as DTSTART is one", clip(e.dtend.value)))
		}
		if end < start {
			return 0, e.dtend.err(e.dtend.valueCol, "DTEND is before DTSTART")
		}
		days = max(int(end-start), 1) // some producers repeat DTSTART: one day
		if days > maxRuleDays {
			p.skip(e.dtend.line, summary, fmt.Sprintf("lasts %d days; a holiday lasts at most %d", days, maxRuleDays))
			return 0, nil
		}
	case e.duration != nil:
		v := strings.TrimPrefix(e.duration.value, "+")
		n, ok := 0, false
		if len(v) > 2 && v[0] == 'P' && (v[len(v)-1] == 'D' || v[len(v)-1] == 'W') && len(v) < 12 {
			n, ok = digits(v[1:len(v)-1], 999_999_999)
			if v[len(v)-1] == 'W' {
				n *= 7
			}
		}
		if !ok {
			p.skip(e.duration.line, summary, fmt.Sprintf("DURATION %s is not whole days or weeks", clip(e.duration.value)))
			return 0, nil
		}
		if n > maxRuleDays {
			p.skip(e.duration.line, summary, fmt.Sprintf("lasts %d days; a holiday lasts at most %d", n, maxRuleDays))
			return 0, nil
		}
		days = max(n, 1)
	}
	return days, nil
}

// icalDates reads the dates of EXDATE or RDATE lines, sorted and without
// duplicates. A date-time counts by its date, unless timed is non-nil: then
// the lines with times are returned there instead.
func icalDates(props []icalProp, timed *[]icalProp) ([]date.Date, error) {
	var out []date.Date
	for _, pr := range props {
		if v := pr.params["VALUE"]; v == "PERIOD" {
			if timed != nil {
				*timed = append(*timed, pr)
				continue
			}
			return nil, pr.err(pr.valueCol, "EXDATE cannot be a PERIOD")
		}
		col := pr.valueCol
		hasTime := false
		var dates []date.Date
		for _, s := range strings.Split(pr.value, ",") {
			d, t, ok := parseICalDate(strings.TrimSpace(s))
			if !ok {
				return nil, pr.err(col, fmt.Sprintf("bad %s %q; want a date such as 20261225", pr.name, clip(s)))
			}
			hasTime = hasTime || t
			dates = append(dates, d)
			col += len(s) + 1
		}
		if hasTime && timed != nil {
			*timed = append(*timed, pr)
			continue
		}
		out = append(out, dates...)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// rrule is the part of an RFC 5545 recurrence rule that yearly holidays use.
type rrule struct {
	freq        string
	interval    int
	count       int64 // 0: none
	until       date.Date
	hasUntil    bool
	months      [13]bool
	monthDays   [32]bool
	negMonthDay bool
	byDay       [7][6]bool // weekday, n (0 = every) for |n| <= 5
	byDayNeg    [7][6]bool
	byDayYear   bool // an ordinal beyond 5: counts in the year
	hasByDay    bool
	unsupported string
}

// parseRRule reads an RRULE value. It fails on malformed parts; parts it
// cannot express it records in unsupported.
func parseRRule(pr *icalProp) (rrule, error) {
	rr := rrule{interval: 1}
	seen := map[string]bool{}
	col := pr.valueCol
	for _, part := range strings.Split(pr.value, ";") {
		partCol := col
		col += len(part) + 1
		key, val, ok := strings.Cut(part, "=")
		key = strings.ToUpper(key)
		bad := func(reason string) error { return pr.err(partCol, key+": "+reason) }
		if !ok || val == "" {
			return rr, pr.err(partCol, fmt.Sprintf("want NAME=VALUE, not %q", clip(part)))
		}
		if seen[key] {
			return rr, bad("given twice")
		}
		seen[key] = true
		val = strings.ToUpper(val)
		switch key {
		case "FREQ":
			switch val {
			case "SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY":
				rr.freq = val
			default:
				return rr, bad(fmt.Sprintf("unknown frequency %q", clip(val)))
			}
		case "INTERVAL":
			n, ok := digits(val, MaxYear+1)
			if !ok || n < 1 {
				return rr, bad("want a positive number")
			}
			rr.interval = n
		case "COUNT":
			// More than all the occurrences MinYear to MaxYear can have.
			n, ok := digits(val, math.MaxInt32)
			if !ok || n < 1 {
				return rr, bad("want a positive number")
			}
			rr.count = int64(n)
		case "UNTIL":
			d, _, ok := parseICalDate(val)
			if !ok {
				return rr, bad(fmt.Sprintf("bad date %q", clip(val)))
			}
			rr.until, rr.hasUntil = d, true
		case "BYMONTH":
			for _, s := range strings.Split(val, ",") {
				n, ok := digits(s, 13)
				if !ok || n < 1 || n > 12 {
					return rr, bad(fmt.Sprintf("want months 1 to 12, not %q", clip(s)))
				}
				rr.months[n] = true
			}
		case "BYMONTHDAY":
			for _, s := range strings.Split(val, ",") {
				n, ok := digits(strings.TrimPrefix(strings.TrimPrefix(s, "+"), "-"), 32)
				if !ok || n < 1 || n > 31 {
					return rr, bad(fmt.Sprintf("want days 1 to 31 or -31 to -1, not %q", clip(s)))
				}
				if strings.HasPrefix(s, "-") {
					rr.negMonthDay = true
				} else {
					rr.monthDays[n] = true
				}
			}
		case "BYDAY":
			rr.hasByDay = true
			for _, s := range strings.Split(val, ",") {
				if len(s) < 2 {
					return rr, bad(fmt.Sprintf("want a weekday such as MO or 4TH, not %q", clip(s)))
				}
				wd, ok := weekdayNamed(s[len(s)-2:], 2)
				num := s[:len(s)-2]
				neg := strings.HasPrefix(num, "-")
				num = strings.TrimPrefix(strings.TrimPrefix(num, "+"), "-")
				n := 0
				if num != "" {
					var okN bool
					n, okN = digits(num, 54)
					ok = ok && okN && n >= 1 && n <= 53
				}
				if !ok {
					return rr, bad(fmt.Sprintf("want a weekday such as MO or 4TH, not %q", clip(s)))
				}
				switch {
				case n > 5:
					rr.byDayYear = true
				case neg:
					rr.byDayNeg[wd][n] = true
				default:
					rr.byDay[wd][n] = true
				}
			}
		case "WKST":
			if _, ok := weekdayNamed(val, 2); !ok {
				return rr, bad(fmt.Sprintf("want a weekday such as MO, not %q", clip(val)))
			}
		case "BYSECOND", "BYMINUTE", "BYHOUR", "BYYEARDAY", "BYWEEKNO", "BYSETPOS":
			if rr.unsupported == "" {
				rr.unsupported = key
			}
		default:
			if !strings.HasPrefix(key, "X-") {
				return rr, pr.err(partCol, fmt.Sprintf("unknown recurrence part %q", clip(key)))
			}
		}
	}
	switch {
	case rr.freq == "":
		return rr, pr.err(pr.valueCol, "RRULE without FREQ")
	case rr.count > 0 && rr.hasUntil:
		return rr, pr.err(pr.valueCol, "RRULE with both COUNT and UNTIL")
	}
	return rr, nil
}

// yearlyRules turns an RRULE into the rules of its dates in a year, bounded
// by DTSTART, INTERVAL, UNTIL and COUNT. A non-empty reason says why the
// rule cannot be expressed (and the event is skipped).
func yearlyRules(pr *icalProp, start date.Date) ([]Rule, string, error) {
	rr, err := parseRRule(pr)
	if err != nil {
		return nil, "", err
	}
	switch {
	case rr.freq != "YEARLY":
		return nil, fmt.Sprintf("FREQ=%s; only yearly recurrences are holiday rules", rr.freq), nil
	case rr.unsupported != "":
		return nil, rr.unsupported + " is not supported in holiday rules", nil
	case rr.negMonthDay:
		return nil, "BYMONTHDAY counting from the month's end is not supported", nil
	case rr.byDayYear:
		return nil, "BYDAY with an ordinal beyond 5 counts weekdays of the year; not supported", nil
	}
	y0, m0, d0 := start.Date()
	var months []time.Month
	for m := 1; m <= 12; m++ {
		if rr.months[m] {
			months = append(months, time.Month(m))
		}
	}
	var monthDays []int
	for d := 1; d <= 31; d++ {
		if rr.monthDays[d] {
			monthDays = append(monthDays, d)
		}
	}
	if len(months) == 0 {
		switch {
		case len(monthDays) > 0:
			months = []time.Month{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
		case rr.hasByDay:
			return nil, "BYDAY without BYMONTH counts weekdays of the year; not supported", nil
		default:
			months = []time.Month{m0}
		}
	}
	var rules []Rule
	switch {
	case !rr.hasByDay:
		if len(monthDays) == 0 {
			monthDays = []int{d0}
		}
		for _, m := range months {
			for _, d := range monthDays {
				if d <= gregorian.DaysIn(2000, m) {
					rules = append(rules, Rule{On: MonthDay, Month: m, Day: d})
				}
			}
		}
	case len(monthDays) == 0:
		for _, m := range months {
			for wd := range 7 {
				for n := 0; n <= maxRuleN; n++ {
					switch {
					case rr.byDay[wd][n] && n == 0:
						for k := 1; k <= maxRuleN; k++ {
							rules = append(rules, Rule{On: NthWeekday, Month: m, Weekday: time.Weekday(wd), N: k})
						}
					case rr.byDay[wd][n]:
						rules = append(rules, Rule{On: NthWeekday, Month: m, Weekday: time.Weekday(wd), N: n})
					}
					if n > 0 && rr.byDayNeg[wd][n] {
						rules = append(rules, Rule{On: NthWeekday, Month: m, Weekday: time.Weekday(wd), N: -n})
					}
				}
			}
		}
	default:
		// Seven consecutive days and one weekday: the weekday on or after
		// the first of them.
		wd, entries := 0, 0
		for w := range 7 {
			for n := range 6 {
				if rr.byDay[w][n] || rr.byDayNeg[w][n] {
					entries++
					if n > 0 {
						entries++ // an ordinal does not fit the pattern
					}
					wd = w
				}
			}
		}
		first := monthDays[0]
		if entries != 1 || len(monthDays) != 7 || monthDays[6] != first+6 || first+6 > 28 {
			return nil, "BYDAY with BYMONTHDAY is supported only as one weekday within seven consecutive days", nil
		}
		for _, m := range months {
			rules = append(rules, Rule{On: NthWeekday, Month: m, Day: first, Weekday: time.Weekday(wd), N: 1})
		}
	}
	slices.SortFunc(rules, func(a, b Rule) int {
		return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Day, b.Day), cmp.Compare(a.Weekday, b.Weekday), cmp.Compare(a.N, b.N))
	})
	rules = slices.CompactFunc(rules, func(a, b Rule) bool {
		return a.Month == b.Month && a.Day == b.Day && a.Weekday == b.Weekday && a.N == b.N
	})
	if len(rules) > maxICalRulesPerEvent {
		return nil, fmt.Sprintf("recurs on %d days a year; a holiday rule recurs on at most %d", len(rules), maxICalRulesPerEvent), nil
	}

	// Bounds: from DTSTART on, every INTERVAL years.
	every := 0
	if rr.interval > 1 {
		every = rr.interval
	}
	bounded := rules[:0]
	for _, r := range rules {
		r.ValidFrom, r.Every = y0, every
		if first, ok := r.occurs(y0); ok && first < start {
			r.ValidFrom = y0 + rr.interval
		}
		if r.ValidFrom > MaxYear {
			continue
		}
		if rr.interval > MaxYear {
			r.Every, r.ValidUntil = 0, r.ValidFrom
		}
		bounded = append(bounded, r)
	}
	rules = bounded
	dtstartCounted := false
	for _, r := range rules {
		if first, ok := r.occurs(y0); ok && first == start {
			dtstartCounted = true
		}
	}
	if !dtstartCounted {
		rules = append(rules, Rule{On: FixedDate, Date: start})
	}
	switch {
	case rr.hasUntil:
		rules = untilRules(rules, rr.until, rr.interval)
	case rr.count > 0:
		rules = countRules(rules, rr.count, y0, rr.interval)
	}
	return rules, "", nil
}

// untilRules ends each rule with its last occurrence on or before until.
func untilRules(rules []Rule, until date.Date, interval int) []Rule {
	out := rules[:0]
	for _, r := range rules {
		if r.On == FixedDate {
			out = append(out, r) // DTSTART always counts
			continue
		}
		uy := until.Year()
		if uy < r.ValidFrom {
			continue
		}
		last := r.ValidFrom + (uy-r.ValidFrom)/interval*interval
		if first, ok := r.occurs(last); ok && first > until {
			last--
		}
		if last < r.ValidFrom {
			continue
		}
		if r.ValidUntil == 0 || last < r.ValidUntil {
			r.ValidUntil = last
		}
		out = append(out, r)
	}
	return out
}

// countRules ends the rules after count occurrences in all, counted in date
// order from DTSTART. The rules' dates repeat every 400 years (the
// Gregorian cycle, whose length is a whole number of weeks), so whole cycles
// are skipped arithmetically and at most two are walked: COUNT=1000000000
// costs no more than COUNT=1000.
func countRules(rules []Rule, count int64, y0, interval int) []Rule {
	var buf []date.Date
	inYear := func(y int) []date.Date {
		buf = buf[:0]
		for i := range rules {
			if first, ok := rules[i].occurs(y); ok {
				buf = append(buf, first)
			}
		}
		slices.Sort(buf)
		return slices.Compact(buf)
	}
	steps := int64(MaxYear-y0) / int64(interval) // active years after y0
	remaining := count
	cutYear := 0
	if n := int64(len(inYear(y0))); remaining <= n {
		cutYear = y0
	} else {
		remaining -= n
		period := int64(400 / gcd(interval, 400))
		i := int64(1)
		if steps >= period {
			var sum int64
			for k := int64(1); k <= period; k++ {
				sum += int64(len(inYear(y0 + int(k)*interval)))
			}
			if sum == 0 {
				return rules
			}
			skip := (remaining - 1) / sum
			i += skip * period
			remaining -= skip * sum
		}
		for ; i <= steps; i++ {
			y := y0 + int(i)*interval
			n := int64(len(inYear(y)))
			if remaining <= n {
				cutYear = y
				break
			}
			remaining -= n
		}
		if cutYear == 0 {
			return rules // COUNT is never reached before MaxYear
		}
	}
	dates := inYear(cutYear)
	limit := dates[remaining-1]
	out := rules[:0]
	for _, r := range rules {
		if r.On == FixedDate {
			out = append(out, r) // DTSTART, the first occurrence
			continue
		}
		until := cutYear
		if first, ok := r.occurs(cutYear); !ok || first > limit {
			until = cutYear - 1
		}
		if r.ValidUntil == 0 || until < r.ValidUntil {
			r.ValidUntil = until
		}
		if r.ValidUntil >= r.ValidFrom {
			out = append(out, r)
		}
	}
	return out
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
