package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-itsm/itsm/internal/invalid"
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
//     closure of several days, at most 366. Outlook's all-day events,
//     DTSTART;TZID=...:20260101T000000 with a DTEND at a later midnight in
//     the same zone (or X-MICROSOFT-CDO-ALLDAYEVENT:TRUE), count as dates.
//   - RRULE:FREQ=YEARLY repeats it, with INTERVAL, COUNT or UNTIL, BYMONTH,
//     BYMONTHDAY (positive days) and BYDAY (e.g. BYDAY=4TH for the fourth
//     Thursday, -1MO for the last Monday, MO for every Monday of the months);
//     BYDAY with seven consecutive BYMONTHDAY values (BYMONTHDAY=2,...,8) is
//     the weekday on or after the first of them, as RFC 5545 writes "the
//     first Tuesday after the first Monday". FREQ=WEEKLY (BYDAY without
//     ordinals, INTERVAL counted in weeks from Monday, as WKST=MO) and
//     FREQ=MONTHLY (BYMONTHDAY, also negative, or BYDAY such as 2SU or -1FR)
//     become Weekly and Monthly rules. DTSTART always counts as an
//     occurrence, as RFC 5545 says.
//   - EXDATE removes occurrences; RDATE adds dates.
//   - An event with the UID of a recurring event and a RECURRENCE-ID moves
//     that one occurrence to its own DTSTART, or cancels it with
//     STATUS:CANCELLED (RANGE=THISANDFUTURE is not supported and reported).
//     Without such a recurring event it is a one-off event.
//
// Events with a time (DTSTART:20260301T090000Z, or with a TZID and not at
// midnight to midnight), cancelled events, and recurrences it cannot express
// (FREQ=DAILY, BYSETPOS, BYDAY without BYMONTH in a yearly rule, ...) are
// skipped and reported, not guessed at. ICalKeep leaves out events by their
// summary, description, categories or transparency (the observances of a
// public holiday feed); those are reported too.
//
// A malformed event (a bad date, a bad RRULE, a line that is not a content
// line, a second DTSTART) is skipped and reported with the line of the fault
// and the rest of the feed is kept; with ICalStrict the first one fails the
// whole feed instead. A feed whose structure is broken (no VCALENDAR, a
// component never closed) always fails. Every error is a *FieldError
// wrapping ErrInvalidICal, "calendar: line 3, column 9: bad DTSTART ...";
// for a fault in the text its Cause is a *SyntaxError that gives the line
// (where a folded content line starts) and the column in the unfolded line.
// A feed that closes more than MaxHolidayDays days a year fails too.
//
// The rules are resolved lazily, one year at a time, when a calendar asks
// for them, so a feed with COUNT=1000000000 or a rule for the year 9999
// costs no more than any other.
func ParseICal(data []byte, opts ...ICalOption) (Holidays, []SkippedEvent, error) {
	p := icalParser{}
	for _, o := range opts {
		if o != nil {
			o.applyICal(&p)
		}
	}
	if err := p.parse(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))); err != nil {
		return Holidays{}, nil, icalError(err)
	}
	if err := p.convert(); err != nil {
		return Holidays{}, nil, icalError(err)
	}
	h, err := NewHolidays(p.rules...)
	if err != nil {
		return Holidays{}, nil, icalError(err)
	}
	return h, p.skipped, nil
}

// icalError is the error ParseICal returns for err: a *FieldError wrapping
// ErrInvalidICal, with the *SyntaxError that gives the line as its cause.
func icalError(err error) error {
	var se *SyntaxError
	if errors.As(err, &se) {
		return se.fieldOf(ErrInvalidICal, false)
	}
	return invalid.At("", err, ErrInvalidICal)
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
	return &SyntaxError{Input: clip(p.text), Line: p.line, Column: col, Reason: reason, Err: ErrInvalidICal}
}

type icalEvent struct {
	begin                                  int
	dtstart, dtend, duration, summary, uid *icalProp
	rrule, status, recurrenceID, transp    *icalProp
	description, allDay                    *icalProp
	exdates, rdates, categories            []icalProp
	moved                                  []date.Date // RECURRENCE-IDs of its moved occurrences
	err                                    error       // the first fault, when parsing is lenient
}

type icalParser struct {
	strict  bool
	keep    func(ICalEvent) bool
	events  []*icalEvent
	rules   []Rule
	skipped []SkippedEvent
	total   int // days a year of the rules so far

	// The component state machine (parse).
	stack   []icalProp // BEGIN lines of the open components
	current *icalEvent // the VEVENT being read
	seen    bool       // some VCALENDAR began
}

// An ICalOption changes how ParseICal reads a feed. Options are values of
// this package only.
type ICalOption interface{ applyICal(*icalParser) }

type icalOptionFunc func(*icalParser)

func (f icalOptionFunc) applyICal(p *icalParser) { f(p) }

// ICalStrict makes ParseICal fail on the first malformed event, with an
// error that gives its line, instead of skipping it.
func ICalStrict() ICalOption { return icalOptionFunc(func(p *icalParser) { p.strict = true }) }

// ICalKeep makes ParseICal keep only the events for which keep returns
// true; the others are reported as skipped. Public holiday feeds mix days
// off with observances (Google's list Valentine's Day and Halloween with a
// DESCRIPTION of "Observance"): keep sees each VEVENT's summary,
// description, categories and transparency, and an event that moves one
// occurrence of another (RECURRENCE-ID) is judged on its own.
func ICalKeep(keep func(ICalEvent) bool) ICalOption {
	return icalOptionFunc(func(p *icalParser) { p.keep = keep })
}

// ICalEvent is what an ICalKeep filter sees of a VEVENT: its UID, SUMMARY
// and DESCRIPTION (unescaped), its CATEGORIES (every value of every
// CATEGORIES line, as written), whether TRANSP is TRANSPARENT (the event
// does not make anyone busy), and the line where it begins.
type ICalEvent struct {
	Line        int
	UID         string
	Summary     string
	Description string
	Categories  []string
	Transparent bool
}

// HasCategory reports whether the event has the category name, ignoring
// case.
func (e ICalEvent) HasCategory(name string) bool {
	return slices.ContainsFunc(e.Categories, func(c string) bool { return strings.EqualFold(strings.TrimSpace(c), name) })
}

// parse splits data into unfolded content lines and runs the component
// state machine over them.
func (p *icalParser) parse(data []byte) error {
	lastNo, err := contentLines(data, p.line)
	if err != nil {
		return err
	}
	switch {
	case len(p.stack) > 0:
		open := p.stack[len(p.stack)-1]
		return &SyntaxError{Input: clip(open.text), Line: max(lastNo, 1), Column: 1, Reason: fmt.Sprintf("BEGIN:%s of line %d is never closed", open.value, open.line), Err: ErrInvalidICal}
	case !p.seen:
		return &SyntaxError{Line: max(lastNo, 1), Column: 1, Reason: "no BEGIN:VCALENDAR; not an iCalendar feed", Err: ErrInvalidICal}
	}
	return nil
}

// contentLines calls line for each content line of data, unfolded (a line
// that starts with a space or a tab continues the one before), with the
// number of the line it starts on; lastNo is the number of data's last
// line.
func contentLines(data []byte, line func(lineNo int, text string) error) (lastNo int, err error) {
	var (
		cur     []byte // the content line being unfolded
		curLine int
	)
	flush := func() error {
		if cur == nil {
			return nil
		}
		err := line(curLine, string(cur))
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
				return lastNo, &SyntaxError{Input: clip(string(raw)), Line: lastNo, Column: 1, Reason: "continuation line with no line to continue", Err: ErrInvalidICal}
			}
			cur = append(cur, raw[1:]...)
			continue
		}
		if err := flush(); err != nil {
			return lastNo, err
		}
		if len(raw) > 0 {
			cur, curLine = append([]byte(nil), raw...), lastNo
		}
	}
	return lastNo, flush()
}

// line runs the state machine over one content line: BEGIN and END open
// and close components, a VEVENT's properties go to the event. A line that
// does not parse inside an event loses the event, not the feed.
func (p *icalParser) line(lineNo int, text string) error {
	prop, err := parseICalLine(lineNo, text)
	if err != nil {
		if p.current == nil {
			return err
		}
		p.current.fail(err)
		if !strings.HasPrefix(strings.ToUpper(text), "END:") {
			return nil
		}
		// Its END still closes it.
		prop = icalProp{line: lineNo, name: "END", value: strings.TrimSpace(text[4:]), valueCol: 5, text: text}
	}
	switch prop.name {
	case "BEGIN":
		return p.begin(prop)
	case "END":
		return p.end(prop)
	}
	if len(p.stack) == 0 {
		return prop.err(1, "content outside BEGIN:VCALENDAR ... END:VCALENDAR")
	}
	if p.current == nil || len(p.stack) != 2 {
		return nil // properties of the calendar or of other components
	}
	if err := p.current.add(prop); err != nil {
		p.current.fail(err) // reported in feed order by convert
	}
	return nil
}

// begin opens a component: VCALENDAR first and never inside another, a
// VEVENT of the calendar starts an event.
func (p *icalParser) begin(prop icalProp) error {
	comp := strings.ToUpper(prop.value)
	switch {
	case len(p.stack) == 0 && comp != "VCALENDAR":
		return prop.err(prop.valueCol, "want BEGIN:VCALENDAR first")
	case len(p.stack) >= maxICalDepth:
		return prop.err(1, "components nested too deeply")
	case comp == "VCALENDAR" && len(p.stack) > 0:
		return prop.err(prop.valueCol, "VCALENDAR inside another component")
	}
	if comp == "VEVENT" && len(p.stack) == 1 {
		p.current = &icalEvent{begin: prop.line}
	}
	prop.value = comp
	p.stack = append(p.stack, prop)
	p.seen = true
	return nil
}

// end closes the innermost component, which must be the one named; the
// end of a VEVENT of the calendar completes its event.
func (p *icalParser) end(prop icalProp) error {
	comp := strings.ToUpper(prop.value)
	if len(p.stack) == 0 {
		return prop.err(prop.valueCol, "END:"+clip(prop.value)+" without BEGIN")
	}
	open := p.stack[len(p.stack)-1]
	if comp != open.value {
		return prop.err(prop.valueCol, fmt.Sprintf("END:%s does not close BEGIN:%s of line %d", clip(comp), open.value, open.line))
	}
	p.stack = p.stack[:len(p.stack)-1]
	if comp == "VEVENT" && len(p.stack) == 1 {
		p.events = append(p.events, p.current)
		p.current = nil
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
	if !utf8.ValidString(s) {
		// RFC 5545 text is UTF-8; a bad byte would come back from the JSON
		// of the rules as U+FFFD, so the line is refused, not repaired.
		col := 1
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n <= 1 {
				col = i + 1
				break
			}
			i += n
		}
		return p, p.err(col, fmt.Sprintf("not valid UTF-8 (byte %#02x)", s[col-1]))
	}
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
	case "RECURRENCE-ID":
		return one(&e.recurrenceID)
	case "TRANSP":
		return one(&e.transp)
	case "DESCRIPTION":
		return one(&e.description)
	case "X-MICROSOFT-CDO-ALLDAYEVENT":
		return one(&e.allDay)
	case "CATEGORIES":
		e.categories = append(e.categories, p)
	case "EXDATE":
		e.exdates = append(e.exdates, p)
	case "RDATE":
		e.rdates = append(e.rdates, p)
	}
	return nil
}

// fail records the event's first fault.
func (e *icalEvent) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// public returns what a filter sees of the event.
func (e *icalEvent) public() ICalEvent {
	v := ICalEvent{Line: e.begin}
	text := func(p *icalProp) string {
		if p == nil {
			return ""
		}
		return unescapeText(p.value)
	}
	v.UID, v.Summary, v.Description = text(e.uid), text(e.summary), text(e.description)
	v.Transparent = e.transp != nil && strings.EqualFold(strings.TrimSpace(e.transp.value), "TRANSPARENT")
	for _, c := range e.categories {
		for _, part := range splitEscaped(c.value) {
			if part = strings.TrimSpace(unescapeText(part)); part != "" {
				v.Categories = append(v.Categories, part)
			}
		}
	}
	return v
}

// splitEscaped splits a TEXT list at the commas that are not escaped.
func splitEscaped(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ',':
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// convert turns the events read into rules: moved occurrences first come
// off their recurring events, then each event in feed order becomes rules
// or is reported as skipped.
func (p *icalParser) convert() error {
	masters := map[string]*icalEvent{}
	for _, e := range p.events {
		if e.uid != nil && e.recurrenceID == nil && e.err == nil {
			if _, dup := masters[e.uid.value]; !dup {
				masters[e.uid.value] = e
			}
		}
	}
	for _, e := range p.events {
		if e.recurrenceID == nil || e.err != nil || e.uid == nil {
			continue
		}
		rid := e.recurrenceID
		d, _, ok := parseICalDate(rid.value)
		switch {
		case !ok:
			e.fail(rid.err(rid.valueCol, fmt.Sprintf("bad RECURRENCE-ID %q; want a date such as 20270501", clip(rid.value))))
		case rid.params["RANGE"] != "":
			e.fail(rid.err(1, "RECURRENCE-ID with RANGE (this and future occurrences) is not supported"))
		default:
			if m := masters[e.uid.value]; m != nil {
				m.moved = append(m.moved, d)
			}
		}
	}
	for _, e := range p.events {
		summary := ""
		if e.summary != nil {
			summary = unescapeText(e.summary.value)
		}
		if p.keep != nil && !p.keep(e.public()) {
			p.skip(e.begin, summary, "left out by the filter")
			continue
		}
		err := e.err
		if err == nil {
			err = p.event(e)
		}
		var se *SyntaxError
		switch {
		case err == nil:
		case p.strict || !errors.As(err, &se):
			return err
		default:
			p.skip(se.Line, summary, se.Reason)
		}
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
	name, summary := e.names()
	if e.dtstart == nil {
		return &SyntaxError{Line: e.begin, Column: 1, Reason: "VEVENT without DTSTART", Err: ErrInvalidICal}
	}
	if e.status != nil && strings.EqualFold(strings.TrimSpace(e.status.value), "CANCELLED") {
		if e.recurrenceID != nil {
			p.skip(e.status.line, summary, "cancelled occurrence (STATUS:CANCELLED)")
			return nil
		}
		p.skip(e.status.line, summary, "cancelled event (STATUS:CANCELLED)")
		return nil
	}
	start, allDay, ok, err := p.start(e, summary)
	if !ok {
		return err
	}
	days, err := p.length(e, start, summary, allDay)
	if err != nil || days == 0 {
		return err
	}
	exdates, err := icalDates(e.exdates, nil)
	if err != nil {
		return err
	}
	exdates = append(exdates, e.moved...)
	rules, err := p.dates(e, start, days, summary)
	if err != nil || rules == nil {
		return err
	}
	return p.add(rules, exdates, name, days, e.begin)
}

// names returns the name of the rules of e (its SUMMARY; when blank, its
// UID or its line) and its SUMMARY, which skipped events are listed by.
func (e *icalEvent) names() (name, summary string) {
	if e.summary != nil {
		name = unescapeText(e.summary.value)
	}
	summary = name
	if strings.TrimSpace(name) == "" {
		name = fmt.Sprintf("VEVENT of line %d", e.begin)
		if e.uid != nil && strings.TrimSpace(e.uid.value) != "" {
			name = unescapeText(e.uid.value)
		}
	}
	return name, summary
}

// start reads e's DTSTART: a date, or a time that is Outlook's way of
// writing an all-day event (allDay). ok is false for a DTSTART that is
// wrong (err) and for any other timed event, which is skipped.
func (p *icalParser) start(e *icalEvent, summary string) (start date.Date, allDay, ok bool, err error) {
	ds := e.dtstart
	start, timed, ok := parseICalDate(ds.value)
	kind := ds.params["VALUE"]
	allDay = timed && outlookAllDay(e)
	switch {
	case !ok:
		return 0, false, false, ds.err(ds.valueCol, fmt.Sprintf("bad DTSTART %q; want a date such as 20261225", clip(ds.value)))
	case kind != "" && kind != "DATE" && kind != "DATE-TIME":
		return 0, false, false, ds.err(ds.valueCol, "DTSTART must be a DATE or a DATE-TIME, not "+clip(kind))
	case timed && kind == "DATE":
		return 0, false, false, ds.err(ds.valueCol, "DTSTART has VALUE=DATE but a time")
	case !timed && kind == "DATE-TIME":
		return 0, false, false, ds.err(ds.valueCol, "DTSTART has VALUE=DATE-TIME but no time")
	case timed && !allDay:
		p.skip(ds.line, summary, fmt.Sprintf("timed event (DTSTART %s); only all-day events are holidays", clip(ds.value)))
		return 0, false, false, nil
	}
	return start, allDay, true, nil
}

// dates returns the rules of e's dates: its RRULE's (or its start's, for
// an event without one or an occurrence moved by RECURRENCE-ID), then its
// RDATEs. An RRULE the rules cannot express skips the event (no rules, no
// error); a timed RDATE is skipped alone.
func (p *icalParser) dates(e *icalEvent, start date.Date, days int, summary string) ([]Rule, error) {
	var rules []Rule
	if e.rrule != nil && e.recurrenceID == nil {
		var reason string
		var err error
		rules, reason, err = recurrenceRules(e.rrule, start)
		if err != nil {
			return nil, err
		}
		if reason == "" && days > 1 && slices.ContainsFunc(rules, func(r Rule) bool { return r.recurring() }) {
			reason = "a weekly or monthly event lasts one day; this one lasts more"
		}
		if reason != "" {
			p.skip(e.rrule.line, summary, reason)
			return nil, nil
		}
	} else {
		rules = []Rule{{On: FixedDate, Date: start}}
	}
	var timedRDates []icalProp
	rdates, err := icalDates(e.rdates, &timedRDates)
	if err != nil {
		return nil, err
	}
	for _, rd := range timedRDates {
		p.skip(rd.line, summary, fmt.Sprintf("timed RDATE %s; only dates are holidays", clip(rd.value)))
	}
	for _, d := range rdates {
		rules = append(rules, Rule{On: FixedDate, Date: d})
	}
	return rules, nil
}

// add adds an event's rules, named name and lasting days, without the
// dates of exdates; begin is the line of the event's BEGIN, for the error
// of a feed that closes too many days.
func (p *icalParser) add(rules []Rule, exdates []date.Date, name string, days, begin int) error {
	for _, r := range rules {
		r.Name, r.Days = name, days
		if r.On == FixedDate {
			if slices.Contains(exdates, r.Date) {
				continue
			}
		} else {
			var buf []date.Date
			for _, x := range exdates {
				if buf = r.occurrences(x.Year(), buf[:0]); slices.Contains(buf, x) {
					r.Except = append(r.Except, x)
				}
			}
		}
		if r.recurring() {
			r.Days = 0
		}
		if p.total += r.daysPerYear(); p.total > MaxHolidayDays {
			return fieldError(ErrInvalidICal, "", fmt.Sprintf("VEVENT of line %d", begin), fmt.Sprintf("the feed closes more than %d days a year", MaxHolidayDays))
		}
		p.rules = append(p.rules, r)
	}
	return nil
}

// outlookAllDay reports whether a timed event is an all-day event as
// Outlook and Exchange write them: DTSTART;TZID=...:20260101T000000 and a
// DTEND at a later midnight in the same zone (or
// X-MICROSOFT-CDO-ALLDAYEVENT:TRUE and a start at midnight).
func outlookAllDay(e *icalEvent) bool {
	midnight := func(p *icalProp) bool {
		v := p.value
		return len(v) >= 15 && v[9:15] == "000000"
	}
	if !midnight(e.dtstart) {
		return false
	}
	if e.allDay != nil && strings.EqualFold(strings.TrimSpace(e.allDay.value), "TRUE") && e.dtend == nil {
		return true
	}
	if e.dtend == nil || !midnight(e.dtend) || e.dtend.params["TZID"] != e.dtstart.params["TZID"] ||
		strings.HasSuffix(e.dtend.value, "Z") != strings.HasSuffix(e.dtstart.value, "Z") {
		return false
	}
	a, _, ok1 := parseICalDate(e.dtstart.value)
	b, _, ok2 := parseICalDate(e.dtend.value)
	return ok1 && ok2 && b > a
}

// length returns the event's days from DTEND or DURATION, or 0 when it
// skipped the event. allDay accepts a DTEND at midnight (see outlookAllDay).
func (p *icalParser) length(e *icalEvent, start date.Date, summary string, allDay bool) (int, error) {
	days := 1
	switch {
	case e.dtend != nil && e.duration != nil:
		return 0, e.duration.err(1, "DURATION and DTEND in one VEVENT")
	case e.dtend != nil:
		end, timed, ok := parseICalDate(e.dtend.value)
		if !ok || (timed && !allDay) {
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
