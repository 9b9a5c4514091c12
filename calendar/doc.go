// Package calendar answers the business-time questions of a service desk:
// is the desk open now, when does it open or close next, how much business
// time lies between two instants, and when does a target of d business hours
// fall due. It is exact to the nanosecond across daylight-saving changes,
// overnight shifts and holidays, never loops without bound, and costs a
// binary search instead of a walk over days.
//
// # Defining a calendar
//
// A Calendar has a location (required; time.UTC is explicit, nil is an
// error), weekly hours (a Week: any number of spans per weekday, written
// "Mon-Fri 09:00-12:30,13:30-18:00; Sat 10:00-14:00" for ParseWeek) and
// exceptions on dates (an ExceptionSource: explicit Exceptions, ClosedOn,
// holiday rules, iCalendar feeds):
//
//	week, err := calendar.ParseWeek("Mon-Fri 09:00-17:00")
//	cal, err := calendar.New(loc, week, calendar.WithExceptions(
//		calendar.ClosedOn("Christmas Day", date.New(2026, 12, 25))))
//
// Spans are wall-clock times in the location, to the second; 24:00 is a
// valid end and "Mon-Sun 00:00-24:00" is a 24x7 calendar. A span whose end is
// at or before its start crosses midnight: "Fri 22:00-06:00" runs into
// Saturday. Overlapping and touching spans are merged, across midnight too.
//
// Union, Intersection and Difference combine calendars (a follow-the-sun
// desk, a service's hours within a contract's, business hours minus
// maintenance windows) into a Calendar with the same operations, exactness
// and cost.
//
// A Calendar is immutable and safe for concurrent use. Dates are
// github.com/rickb777/date/v2 values (date.Date).
//
// # Holidays
//
// Holidays is a validated set of holiday rules that rolls forward every year
// without anyone editing dates: a fixed date, a month and day, the n-th
// (or last) weekday of a month, optionally on or after a day ("first Monday
// on or after 25 May"), an offset from Easter Sunday (Gregorian computus),
// several days in a row (a shutdown across New Year), valid-from and
// valid-until years, every n years, and dates excepted. A rule closes its
// day, closes it early (ClosesEarly, a half day) or gives it hours of its own
// (Override). An Observance moves a holiday that falls on a day off
// (Saturday to Friday, Sunday to Monday, nearest weekday, next weekday, next
// working day); a substitute day skips the days other holidays of the same
// set already take, across the year end too: Christmas on a Saturday and
// Boxing Day on a Sunday give Monday and Tuesday, and New Year's Day on a
// Saturday may be observed on 31 December. The same rules describe
// recurring windows: Weekly (every n-th week) and Monthly (a day of the
// month, or the n-th weekday: "the second Sunday of every month"), with
// From and Until dates on any rule. Holidays.Occurrences and
// Holidays.On list the holidays of a period with their actual and observed
// dates; Calendar.ExceptionsIn and Calendar.ExceptionOn say what closes a
// calendar's dates.
//
// Regional sets live in opt-in subpackages (calendar/holidays/us, gb, de,
// nl, fr, it, at, pl, be, se, es, br, ch, ca, jp, ie), so the core
// carries no data; calendar/holidays says how to add one.
// ParseICal imports an RFC 5545 holiday feed as real feeds write it
// (all-day events, Outlook's midnight-to-midnight ones, yearly, monthly and
// weekly recurrences, exception dates, moved occurrences by RECURRENCE-ID),
// keeps only the events a filter accepts (ICalKeep: the days off of a feed
// that also lists observances), and reports what it skipped, malformed
// events included (ICalStrict fails on them instead).
//
// Text must be valid UTF-8: a rule's or an exception's name, and every line
// of an iCal feed (an event with a bad byte is skipped with the line and
// column, or fails the parse under ICalStrict), are refused rather than
// repaired, so that nothing changes in a JSON round trip.
//
// Rules are resolved into the per-year tables once, so a calendar with a
// national holiday set is as fast as one without.
//
// # Definitions as data
//
// A Calendar marshals to a JSON document (location, week, holidays by rule,
// explicit exceptions, or a union, intersection or difference of calendar
// documents) and unmarshals from it, validating it as New does; the round
// trip is lossless. Holidays, Rule, Exception and Week have JSON (or text)
// forms of their own.
//
// Configuration is strict. A key that no field has, a key given twice, a
// value of the wrong type, a number out of range, a reversed range (until
// before from, valid_until before valid_from), a date that is not in the
// form 2026-12-25, a word that is not one of its enumeration's words, a
// location that is not an IANA time zone name and combinations nested more
// than 32 deep are all errors, never ignored or guessed at; the message
// names the JSON path of the mistake and lists the known words or names:
//
//	calendar: holidays[0].weekday "thursdy": unknown Weekday (known: sunday, monday, ...)
//	calendar: exceptions[1].hours[0] "10:00-10:00": start equals end; use 00:00-24:00 for a whole day
//	calendar: union[1]: unknown field "wek" (known: difference, exceptions, holidays, ...)
//
// A calendar document names no other calendar: the operands of a union are
// documents themselves, so there is no name that could refer to nothing.
// The names it has are the location (checked against the time zone
// database) and, in the regional subpackages, codes such as de.State's
// (checked, listing the codes).
//
// Enumerations (RuleKind, ExceptionKind, Observance, the weekday names of
// rules) follow the SDK's one rule for words: a value with a word marshals
// as it; the zero RuleKind, which has none, marshals as ""; any other value
// is unknown: String prints RuleKind(9), MarshalText fails with
// ErrUnknownWord, and an unknown word fails to parse, listing the known
// ones. The days of ParseWeek's text form are English three-letter names in
// any case ("Mon", "tue"); the weekdays of rules' JSON are lower-case
// ("monday"), as they are written.
//
// # Semantics
//
// Intervals are half-open [start, end): an instant exactly at closing time is
// closed, exactly at opening time it is open.
//
// A wall-clock boundary maps to the earliest instant whose local reading is at
// or after it: a boundary inside a spring-forward gap (02:30 that never
// happens) maps to the end of the gap (03:00), and one in a fall-back overlap
// to its first occurrence. Date is time.Date with the same rule, for hosts
// that turn a local reading into an instant to pass to the calendar.
// Business time is real elapsed time: a 24-hour local day that contains a
// fall-back transition holds 25 hours of a 24x7 calendar, a spring-forward
// day 23.
//
// A shift belongs to the date on which it starts. A Closed exception removes
// the shifts that start on its date (the Saturday-morning part of a Friday
// night shift included); an Override replaces them; ClosesEarly cuts them at
// a wall-clock time. Exception says which wins when several name one date.
// A ClosedDuring exception (a maintenance window, "closed 10:00-12:00 on 3
// March", or 22:00-02:00 across midnight) is different: it removes wall-clock
// time, not shifts, after the whole-day exception of its date has applied,
// so it always wins and several on one date all apply. A rule of kind
// ClosedDuring repeats such a window (every second Sunday 02:00-06:00).
//
// For d > 0, Add(t, d) is the earliest instant u >= t such that the business
// time in [t, u) equals d: a deadline that lands exactly at closing time is
// that closing time, not the next opening. For d < 0 it is the latest u <= t
// with business time in [u, t) equal to -d. Add(t, 0) == t. Between(a, b) is
// the business time in [a, b), and -Between(b, a) when b < a. So
// Between(t, Add(t, d)) == d for every t and d. Results are in t's location.
//
// A working day (IsWorkday, AddWorkdays, Workdays) is a date on which at least
// one shift starts and keeps some open time after part-day closures. Date
// ranges of Workdays are half-open like intervals.
//
// PrevOpen and PrevClose look back: the last opening and the last closing
// at or before an instant, so that [PrevOpen(t), NextClose(t)) is the open
// run around an open t and [PrevClose(t), NextOpen(t)) the closed stretch
// around a closed one.
//
// # Limits and errors
//
// The calendar covers the local years MinYear to MaxYear. When Add,
// NextOpen, NextClose, PrevOpen, PrevClose or AddWorkdays would have to look
// further than Horizon (100) years without finding business time — a
// calendar closed for ever by its exceptions, a 24x7 calendar asked for its
// next closing — they return an error wrapping ErrHorizon instead of
// looping; leaving the supported years
// returns ErrOutOfRange. Between saturates at the limits of time.Duration, as
// time.Time.Sub does.
//
// Every error of bad input is a *FieldError (type FieldError =
// invalid.Error, the same type in every package of the SDK): Path is the
// JSON path of the mistake from the value checked ("week.mon[0]",
// "exceptions[1].hours", "rules[2].month"), Value the offending value,
// Reason what is wrong, and its message reads `calendar: path "value":
// reason`. It wraps the sentinels to branch on with errors.Is:
//
//   - ErrInvalidCalendar: every error of New, Union, Intersection,
//     Difference and Calendar.UnmarshalJSON (and of Exception's JSON);
//   - ErrInvalidWeek: hours: ParseWeek, ParseTimeOfDay, a Span, a span of a
//     Week, an Exception or a Rule;
//   - ErrInvalidRule: NewHolidays, Rule and Holidays JSON;
//   - ErrInvalidICal: ParseICal;
//   - ErrUnknownWord: a word that is not one of its enumeration's;
//   - ErrUnknownName: a location that is no time zone, an unknown region
//     code;
//   - ErrNoLocation and ErrNoWorkingTime: a calendar without a location or
//     without any working time.
//
// An error satisfies the sentinel of the value checked and that of the part
// at fault: a misspelt weekday in a rule of a calendar document is
// ErrInvalidCalendar, ErrInvalidRule and ErrUnknownWord at once. For text
// (ParseWeek, ParseICal) the *SyntaxError in the chain gives the line and
// column. ErrHorizon and ErrOutOfRange, of the arithmetic, are wrapped
// with the instant or year in question; building them costs nothing on the
// paths that succeed.
//
// # Cost
//
// Each local year is resolved once, on first use, into a table of its open
// intervals with cumulative business seconds (holiday rules included), and the
// table is shared by all goroutines. IsOpen, Add and Between within a year
// are binary searches with no allocation; spans over many years add one table
// lookup per year. bench/README.md records the numbers.
package calendar
