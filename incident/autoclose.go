package incident

import (
	"strconv"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/rickb777/date/v2"
)

// AutoClosePolicy says when a resolved incident closes by itself if nobody
// reopens it. The zero policy is invalid (Days must be set).
//
// The JSON form has "days", "business_days", "include_major" and the
// calendar's own JSON document under "calendar", so it round-trips
// losslessly.
type AutoClosePolicy struct {
	// Days is N, at least 1.
	Days int `json:"days"`
	// BusinessDays makes Days count working days on Calendar rather than
	// periods of 24 hours.
	BusinessDays bool `json:"business_days,omitempty"`
	// Calendar gives the working days when BusinessDays is set; it must be
	// nil otherwise.
	Calendar *calendar.Calendar `json:"calendar,omitempty"`
	// IncludeMajor lets major incidents close by themselves too (they are
	// excluded by default, as their closure follows the post-incident
	// review). Even then, a major incident without its review never closes
	// by itself, since the default lifecycle's review guard would refuse.
	IncludeMajor bool `json:"include_major,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler strictly: unknown keys, keys
// given twice, wrong types and days out of range (below 1, or more than a
// time.Duration holds without business days) are *FieldError values
// wrapping ErrInvalidPolicy; the calendar decodes with its own strict
// rules (its error is the Cause). Whether business_days has its calendar
// is checked by AutoClose, so a host may decode a policy and attach a
// calendar it keeps by name.
func (p *AutoClosePolicy) UnmarshalJSON(b []byte) error {
	type plain AutoClosePolicy
	var w plain
	if err := invalid.Decode(b, &w, ErrInvalidPolicy); err != nil {
		return err
	}
	if w.Days < 1 || (!w.BusinessDays && w.Days > maxAutoCloseDays) {
		reason := "must be at least 1"
		if w.Days >= 1 {
			reason = "is too large"
		}
		return &FieldError{Path: "days", Value: strconv.Itoa(w.Days), Reason: reason, Err: ErrInvalidPolicy}
	}
	*p = AutoClosePolicy(w)
	return nil
}

// maxAutoCloseDays is the most days of 24 hours a time.Duration holds.
const maxAutoCloseDays = int(time.Duration(1<<63-1) / (24 * time.Hour))

func (p AutoClosePolicy) validate() error {
	switch {
	case p.Days < 1:
		return &FieldError{Path: "days", Value: strconv.Itoa(p.Days), Reason: "must be at least 1", Err: ErrInvalidPolicy}
	case p.BusinessDays && p.Calendar == nil:
		return &FieldError{Path: "calendar", Reason: "business days need a calendar", Err: ErrInvalidPolicy}
	case !p.BusinessDays && p.Calendar != nil:
		return &FieldError{Path: "calendar", Reason: "a calendar is only used with business_days", Err: ErrInvalidPolicy}
	case !p.BusinessDays && p.Days > maxAutoCloseDays:
		return &FieldError{Path: "days", Value: strconv.Itoa(p.Days), Reason: "is too large", Err: ErrInvalidPolicy}
	}
	return nil
}

// AutoClose says whether and when a resolved incident closes by itself under
// p: closeAt is the instant it closes (the zero time if it never does by
// itself) and due reports now >= closeAt. It is a pure function; the host
// acts on due by appending the lifecycle's close transition event (with the
// default lifecycle: Type EventTransition, Action ActionClose, At closeAt or
// later, Actor of its choosing such as "system").
//
// Only an incident in a resolved, non-terminal state (see Flags) closes by
// itself; major incidents only with IncludeMajor and a recorded review. The
// instant is:
//
//   - without business days, ResolvedAt + Days x 24h (elapsed time: a day
//     that crosses a DST change still counts 24 hours);
//   - with business days, the start of the day after the Days-th working day
//     that follows the resolution date in the calendar's location, so the
//     caller has Days full working days after the day of the resolution.
//     Resolved on Monday with Days = 3 on a Monday-Friday calendar, it closes
//     at Friday 00:00 local; resolved on Saturday, at Thursday 00:00. Local
//     midnight maps to an instant as DESIGN.md fixes it (the end of a
//     spring-forward gap; the first of two occurrences).
//
// It fails with a *FieldError wrapping ErrInvalidPolicy for an invalid
// policy, and with the calendar's error when it finds no working day.
func AutoClose(inc Incident, p AutoClosePolicy, now time.Time) (closeAt time.Time, due bool, err error) {
	if err := p.validate(); err != nil {
		return time.Time{}, false, err
	}
	if !inc.Flags.Has(FlagResolved) || inc.Flags.Has(FlagTerminal) || inc.ResolvedAt.IsZero() {
		return time.Time{}, false, nil
	}
	if inc.Major && (!p.IncludeMajor || inc.ReviewedAt.IsZero()) {
		return time.Time{}, false, nil
	}
	if !p.BusinessDays {
		closeAt = inc.ResolvedAt.Add(time.Duration(p.Days) * 24 * time.Hour)
	} else {
		loc := p.Calendar.Location()
		day, err := p.Calendar.AddWorkdays(date.NewAt(inc.ResolvedAt.In(loc)), p.Days)
		if err != nil {
			return time.Time{}, false, err
		}
		y, m, d := (day + 1).Date()
		closeAt = calendar.Date(y, m, d, 0, 0, 0, loc)
	}
	return closeAt, !now.Before(closeAt), nil
}
