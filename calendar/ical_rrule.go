package calendar

// The recurrence rules (RRULE) of an iCalendar feed: reading them, and
// turning them into the package's holiday rules where those can say the
// same, or a reason why not.

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/gregorian"
)

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
	negDays     [32]bool // BYMONTHDAY=-n
	wkst        time.Weekday
	byDay       [7][6]bool // weekday, n (0 = every) for |n| <= 5
	byDayNeg    [7][6]bool
	byDayYear   bool // an ordinal beyond 5: counts in the year
	hasByDay    bool
	unsupported string
}

// parseRRule reads an RRULE value. It fails on malformed parts; parts it
// cannot express it records in unsupported.
func parseRRule(pr *icalProp) (rrule, error) {
	rr := rrule{interval: 1, wkst: time.Monday}
	seen := map[string]bool{}
	col := pr.valueCol
	for _, part := range strings.Split(pr.value, ";") {
		partCol := col
		col += len(part) + 1
		key, val, ok := strings.Cut(part, "=")
		key = strings.ToUpper(key)
		if !ok || val == "" {
			return rr, pr.err(partCol, fmt.Sprintf("want NAME=VALUE, not %q", clip(part)))
		}
		if seen[key] {
			return rr, pr.err(partCol, key+": given twice")
		}
		seen[key] = true
		reason, known := rr.set(key, strings.ToUpper(val))
		if !known {
			return rr, pr.err(partCol, fmt.Sprintf("unknown recurrence part %q", clip(key)))
		}
		if reason != "" {
			return rr, pr.err(partCol, key+": "+reason)
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

// set reads the part key=val of an RRULE (both upper case) into rr: reason
// says what is wrong with the value, known is false for a key RFC 5545
// does not define (an X- key is known, and ignored; so are the parts the
// rules cannot express, of which rr remembers the first).
func (rr *rrule) set(key, val string) (reason string, known bool) {
	switch key {
	case "FREQ":
		switch val {
		case "SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY":
			rr.freq = val
		default:
			return fmt.Sprintf("unknown frequency %q", clip(val)), true
		}
	case "INTERVAL":
		n, ok := digits(val, MaxYear+1)
		if !ok || n < 1 {
			return "want a positive number", true
		}
		rr.interval = n
	case "COUNT":
		// More than all the occurrences MinYear to MaxYear can have.
		n, ok := digits(val, math.MaxInt32)
		if !ok || n < 1 {
			return "want a positive number", true
		}
		rr.count = int64(n)
	case "UNTIL":
		d, _, ok := parseICalDate(val)
		if !ok {
			return fmt.Sprintf("bad date %q", clip(val)), true
		}
		rr.until, rr.hasUntil = d, true
	case "BYMONTH":
		for _, s := range strings.Split(val, ",") {
			n, ok := digits(s, 13)
			if !ok || n < 1 || n > 12 {
				return fmt.Sprintf("want months 1 to 12, not %q", clip(s)), true
			}
			rr.months[n] = true
		}
	case "BYMONTHDAY":
		return rr.setMonthDays(val), true
	case "BYDAY":
		return rr.setDays(val), true
	case "WKST":
		wd, ok := weekdayNamed(val, 2)
		if !ok {
			return fmt.Sprintf("want a weekday such as MO, not %q", clip(val)), true
		}
		rr.wkst = wd
	case "BYSECOND", "BYMINUTE", "BYHOUR", "BYYEARDAY", "BYWEEKNO", "BYSETPOS":
		if rr.unsupported == "" {
			rr.unsupported = key
		}
	default:
		return "", strings.HasPrefix(key, "X-")
	}
	return "", true
}

// setMonthDays reads BYMONTHDAY: days 1 to 31, or -31 to -1 counted back
// from the month's end.
func (rr *rrule) setMonthDays(val string) (reason string) {
	for _, s := range strings.Split(val, ",") {
		n, ok := digits(strings.TrimPrefix(strings.TrimPrefix(s, "+"), "-"), 32)
		if !ok || n < 1 || n > 31 {
			return fmt.Sprintf("want days 1 to 31 or -31 to -1, not %q", clip(s))
		}
		if strings.HasPrefix(s, "-") {
			rr.negMonthDay = true
			rr.negDays[n] = true
		} else {
			rr.monthDays[n] = true
		}
	}
	return ""
}

// setDays reads BYDAY: weekdays, each with an optional ordinal (4TH, -1SU);
// an ordinal over 5 counts in the year.
func (rr *rrule) setDays(val string) (reason string) {
	rr.hasByDay = true
	for _, s := range strings.Split(val, ",") {
		if len(s) < 2 {
			return fmt.Sprintf("want a weekday such as MO or 4TH, not %q", clip(s))
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
			return fmt.Sprintf("want a weekday such as MO or 4TH, not %q", clip(s))
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
	return ""
}

// recurrenceRules turns an RRULE into rules, bounded by DTSTART, INTERVAL,
// UNTIL and COUNT. A non-empty reason says why the rule cannot be expressed
// (and the event is skipped).
func recurrenceRules(pr *icalProp, start date.Date) ([]Rule, string, error) {
	rr, err := parseRRule(pr)
	if err != nil {
		return nil, "", err
	}
	switch {
	case rr.unsupported != "":
		return nil, rr.unsupported + " is not supported in holiday rules", nil
	case rr.freq == "WEEKLY" || rr.freq == "MONTHLY":
		return periodicRules(rr, start)
	case rr.freq != "YEARLY":
		return nil, fmt.Sprintf("FREQ=%s; only yearly, monthly and weekly recurrences are holiday rules", rr.freq), nil
	}
	return yearlyRules(rr, start)
}

// periodicRules turns a weekly or monthly RRULE into Weekly and Monthly
// rules counted from DTSTART.
func periodicRules(rr rrule, start date.Date) ([]Rule, string, error) {
	var plain []time.Weekday // BYDAY without an ordinal
	hasOrdinal := false
	for wd := range 7 {
		if rr.byDay[wd][0] {
			plain = append(plain, time.Weekday(wd))
		}
		for n := 1; n <= maxRuleN; n++ {
			hasOrdinal = hasOrdinal || rr.byDay[wd][n] || rr.byDayNeg[wd][n]
		}
	}
	hasMonthDay := slices.Contains(rr.monthDays[:], true) || rr.negMonthDay
	switch {
	case slices.Contains(rr.months[:], true):
		return nil, "BYMONTH in a " + strings.ToLower(rr.freq) + " recurrence is not supported", nil
	case rr.byDayYear:
		return nil, "BYDAY with an ordinal beyond 5 is not supported", nil
	case hasMonthDay && rr.hasByDay:
		return nil, "BYDAY with BYMONTHDAY in a " + strings.ToLower(rr.freq) + " recurrence is not supported", nil
	}
	var rules []Rule
	var reason string
	if rr.freq == "WEEKLY" {
		rules, reason = weeklyRules(rr, start, plain, hasMonthDay || hasOrdinal)
	} else {
		rules, reason = monthlyRules(rr, start, plain, hasOrdinal)
	}
	switch {
	case reason != "":
		return nil, reason, nil
	case len(rules) > maxICalRulesPerEvent:
		return nil, fmt.Sprintf("recurs on %d days a period; a rule recurs on at most %d", len(rules), maxICalRulesPerEvent), nil
	}
	return boundPeriodic(rules, rr, start), "", nil
}

// every is a rule's Every for rr's INTERVAL.
func (rr rrule) every() int {
	if rr.interval > 1 {
		return rr.interval
	}
	return 0
}

// weeklyRules are the Weekly rules of a weekly RRULE: on the weekdays of
// plain (BYDAY without ordinals), or on DTSTART's; other parts (ordinals,
// BYMONTHDAY) do not apply to weeks.
func weeklyRules(rr rrule, start date.Date, plain []time.Weekday, otherParts bool) ([]Rule, string) {
	switch {
	case otherParts:
		return nil, "BYMONTHDAY and BYDAY with an ordinal do not apply to weekly recurrences"
	case rr.every() > 0 && rr.wkst != time.Monday:
		return nil, "WKST other than MO with INTERVAL is not supported (weeks start on Monday)"
	case len(plain) == 0:
		plain = []time.Weekday{start.Weekday()}
	}
	var rules []Rule
	for _, wd := range plain {
		rules = append(rules, Rule{On: Weekly, Weekday: wd, Every: rr.every(), From: start})
	}
	return rules, ""
}

// monthlyRules are the rules of a monthly RRULE: every weekday of plain
// (BYDAY without ordinals, every month only), the nth weekdays of BYDAY,
// the days of BYMONTHDAY, or DTSTART's day of the month.
func monthlyRules(rr rrule, start date.Date, plain []time.Weekday, hasOrdinal bool) ([]Rule, string) {
	every := rr.every()
	var rules []Rule
	if len(plain) > 0 {
		if every > 0 || hasOrdinal {
			return nil, "BYDAY without an ordinal in a monthly recurrence is supported only every month, alone"
		}
		for _, wd := range plain {
			rules = append(rules, Rule{On: Weekly, Weekday: wd, From: start})
		}
	}
	for wd := range 7 {
		for n := 1; n <= maxRuleN; n++ {
			if rr.byDay[wd][n] {
				rules = append(rules, Rule{On: Monthly, Weekday: time.Weekday(wd), N: n, Every: every, From: start})
			}
			if rr.byDayNeg[wd][n] {
				rules = append(rules, Rule{On: Monthly, Weekday: time.Weekday(wd), N: -n, Every: every, From: start})
			}
		}
	}
	for d := 1; d <= 31; d++ {
		if rr.monthDays[d] {
			rules = append(rules, Rule{On: Monthly, Day: d, Every: every, From: start})
		}
		if rr.negDays[d] {
			rules = append(rules, Rule{On: Monthly, Day: -d, Every: every, From: start})
		}
	}
	if len(rules) == 0 {
		rules = []Rule{{On: Monthly, Day: start.Day(), Every: every, From: start}}
	}
	return rules, ""
}

// boundPeriodic bounds a weekly or monthly RRULE's rules: DTSTART always
// counts, as RFC 5545 says (a date of its own when no rule falls on it),
// and the recurring rules end at UNTIL or at the COUNTth occurrence.
func boundPeriodic(rules []Rule, rr rrule, start date.Date) []Rule {
	counted := false
	for i := range rules {
		counted = counted || slices.Contains(rules[i].occurrences(start.Year(), nil), start)
	}
	if !counted {
		rules = append(rules, Rule{On: FixedDate, Date: start})
	}
	switch {
	case rr.hasUntil:
		for i := range rules {
			if rules[i].recurring() {
				rules[i].Until = max(rr.until, start)
			}
		}
	case rr.count > 0:
		if last, ok := nthOccurrence(rules, start, rr.count); ok {
			for i := range rules {
				if rules[i].recurring() {
					rules[i].Until = last
				}
			}
		}
	}
	return rules
}

// nthOccurrence returns the date of the count-th occurrence of the rules
// together, counted from start, walking the years (a weekly rule has at
// most 53 a year, so the walk to MaxYear is bounded); ok is false when
// there are fewer before MaxYear.
func nthOccurrence(rules []Rule, start date.Date, count int64) (date.Date, bool) {
	var buf []date.Date
	for y := start.Year(); y <= MaxYear; y++ {
		buf = buf[:0]
		for i := range rules {
			buf = rules[i].occurrences(y, buf)
		}
		slices.Sort(buf)
		buf = slices.Compact(buf)
		for _, d := range buf {
			if d < start {
				continue
			}
			if count--; count == 0 {
				return d, true
			}
		}
	}
	return 0, false
}

// yearlyRules turns a yearly RRULE into the rules of its dates in a year.
func yearlyRules(rr rrule, start date.Date) ([]Rule, string, error) {
	switch {
	case rr.unsupported != "":
		return nil, rr.unsupported + " is not supported in holiday rules", nil
	case rr.negMonthDay:
		return nil, "BYMONTHDAY counting from the month's end is not supported", nil
	case rr.byDayYear:
		return nil, "BYDAY with an ordinal beyond 5 counts weekdays of the year; not supported", nil
	}
	rules, reason := yearlyDays(rr, start)
	if reason != "" {
		return nil, reason, nil
	}
	if len(rules) > maxICalRulesPerEvent {
		return nil, fmt.Sprintf("recurs on %d days a year; a holiday rule recurs on at most %d", len(rules), maxICalRulesPerEvent), nil
	}
	return boundYearly(rules, rr, start), "", nil
}

// yearlyDays are the rules of the days a yearly RRULE falls on in a year,
// sorted, each once; a non-empty reason says why they cannot be told.
func yearlyDays(rr rrule, start date.Date) (rules []Rule, reason string) {
	_, m0, d0 := start.Date()
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
			return nil, "BYDAY without BYMONTH counts weekdays of the year; not supported"
		default:
			months = []time.Month{m0}
		}
	}
	switch {
	case !rr.hasByDay:
		if len(monthDays) == 0 {
			monthDays = []int{d0}
		}
		rules = monthDayRules(months, monthDays)
	case len(monthDays) == 0:
		rules = nthWeekdayRules(rr, months)
	default:
		if rules, reason = weekdayWithinRules(rr, months, monthDays); reason != "" {
			return nil, reason
		}
	}
	slices.SortFunc(rules, func(a, b Rule) int {
		return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Day, b.Day), cmp.Compare(a.Weekday, b.Weekday), cmp.Compare(a.N, b.N))
	})
	return slices.CompactFunc(rules, func(a, b Rule) bool {
		return a.Month == b.Month && a.Day == b.Day && a.Weekday == b.Weekday && a.N == b.N
	}), ""
}

// monthDayRules are the days of monthDays in each of months that has them.
func monthDayRules(months []time.Month, monthDays []int) []Rule {
	var rules []Rule
	for _, m := range months {
		for _, d := range monthDays {
			if d <= gregorian.DaysIn(2000, m) {
				rules = append(rules, Rule{On: MonthDay, Month: m, Day: d})
			}
		}
	}
	return rules
}

// nthWeekdayRules are BYDAY's weekdays in each of months: every one of a
// weekday without an ordinal, the given one of a weekday with one.
func nthWeekdayRules(rr rrule, months []time.Month) []Rule {
	var rules []Rule
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
	return rules
}

// weekdayWithinRules reads BYDAY with BYMONTHDAY, which the rules can say
// only as seven consecutive days and one weekday: the weekday on or after
// the first of them.
func weekdayWithinRules(rr rrule, months []time.Month, monthDays []int) ([]Rule, string) {
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
		return nil, "BYDAY with BYMONTHDAY is supported only as one weekday within seven consecutive days"
	}
	var rules []Rule
	for _, m := range months {
		rules = append(rules, Rule{On: NthWeekday, Month: m, Day: first, Weekday: time.Weekday(wd), N: 1})
	}
	return rules, ""
}

// boundYearly bounds the rules of a yearly RRULE's days: from DTSTART on
// (which counts as an occurrence even when the rule does not fall on it),
// every INTERVAL years, up to UNTIL or COUNT.
func boundYearly(rules []Rule, rr rrule, start date.Date) []Rule {
	y0 := start.Year()
	// Bounds: from DTSTART on, every INTERVAL years.
	every := rr.every()
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
	return rules
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
	year, nth, ok := countedYear(rules, count, y0, interval)
	if !ok {
		return rules // COUNT is never reached before MaxYear
	}
	return endRules(rules, year, occurrencesIn(nil, rules, year)[nth-1])
}

// countedYear returns the year of the count-th occurrence of the rules
// (y0 and every interval-th year after it are active) and its place among
// that year's occurrences, from 1; ok is false when it comes after
// MaxYear.
func countedYear(rules []Rule, count int64, y0, interval int) (year int, nth int64, ok bool) {
	var buf []date.Date
	in := func(y int) int64 {
		buf = occurrencesIn(buf, rules, y)
		return int64(len(buf))
	}
	remaining := count
	n := in(y0)
	if remaining <= n {
		return y0, remaining, true
	}
	remaining -= n
	steps := int64(MaxYear-y0) / int64(interval) // active years after y0
	period := int64(400 / gcd(interval, 400))
	i := int64(1)
	if steps >= period {
		var sum int64
		for k := int64(1); k <= period; k++ {
			sum += in(y0 + int(k)*interval)
		}
		if sum == 0 {
			return 0, 0, false
		}
		skip := (remaining - 1) / sum
		i += skip * period
		remaining -= skip * sum
	}
	for ; i <= steps; i++ {
		y := y0 + int(i)*interval
		if n := in(y); remaining > n {
			remaining -= n
			continue
		}
		return y, remaining, true
	}
	return 0, 0, false
}

// occurrencesIn returns the dates the rules fall on in year y, sorted and
// without repeats, in buf's room.
func occurrencesIn(buf []date.Date, rules []Rule, y int) []date.Date {
	buf = buf[:0]
	for i := range rules {
		if first, ok := rules[i].occurs(y); ok {
			buf = append(buf, first)
		}
	}
	slices.Sort(buf)
	return slices.Compact(buf)
}

// endRules ends the rules at the occurrence limit in year: a rule that
// falls on a later date that year ends the year before. The fixed date
// (DTSTART, the first occurrence) stays; a rule left with no year goes.
func endRules(rules []Rule, year int, limit date.Date) []Rule {
	out := rules[:0]
	for _, r := range rules {
		if r.On == FixedDate {
			out = append(out, r)
			continue
		}
		until := year
		if first, ok := r.occurs(year); !ok || first > limit {
			until = year - 1
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
