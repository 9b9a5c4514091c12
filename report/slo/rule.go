package slo

import (
	"encoding/json"
	"math"
	"strconv"
	"time"

	"github.com/go-itsm/itsm/internal/duration"
	"github.com/go-itsm/itsm/internal/invalid"
)

// Severity is what a firing burn-rate rule asks for: a page (someone acts
// now) or a ticket (someone acts this week). It marshals as "page" or
// "ticket"; the zero value, no severity, as "".
type Severity uint8

// The severities, most severe first.
const (
	Page Severity = iota + 1
	Ticket
)

var severityWords = invalid.Words{Type: "Severity", Words: []string{"", "page", "ticket"}}

// String returns the severity's word.
func (s Severity) String() string { return severityWords.String(uint8(s)) }

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return severityWords.Marshal(uint8(s), ErrInvalid) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := severityWords.Parse(string(b), ErrInvalid)
	*s = Severity(v)
	return err
}

// BurnRule is one multiwindow burn-rate alert: it fires when the burn rate
// over the Long window and over the Short window, both ending at now,
// exceed Factor, and the long window holds enough traffic. The short
// window makes the alert stop soon after the burning does.
//
// The low-traffic guard: with an event-based source the long window must
// hold at least MinEvents events, with a downtime source at least
// MinAgreed of agreed service time. Zero takes the SLO's value, and when
// that is zero too, the default:
//
//   - events: ceil(1 / (Factor x (1 - Target))), the fewest events for
//     which one bad event alone stays within the rule's threshold, so that
//     a single failure never fires a rule (99.9% and the workbook's 30-day
//     rules: 70, 167 and 1000 events);
//   - agreed time: the Short window's length, so that a rule does not
//     judge the first minutes after a business calendar opens on a sliver.
//
// A MinEvents of 1 turns the event guard off (a window without events has
// no burn rate anyway).
type BurnRule struct {
	Severity    Severity
	Long, Short time.Duration
	Factor      float64
	MinEvents   float64
	MinAgreed   time.Duration
}

type burnRuleJSON struct {
	Severity  Severity          `json:"severity"`
	Long      duration.Duration `json:"long"`
	Short     duration.Duration `json:"short"`
	Factor    float64           `json:"factor"`
	MinEvents float64           `json:"min_events,omitempty"`
	MinAgreed duration.Duration `json:"min_agreed,omitempty"`
}

// MarshalJSON implements json.Marshaler:
// {"severity": "page", "long": "1h0m0s", "short": "5m0s", "factor": 14.4}.
func (r BurnRule) MarshalJSON() ([]byte, error) {
	return json.Marshal(burnRuleJSON{r.Severity, duration.Duration(r.Long), duration.Duration(r.Short), r.Factor,
		r.MinEvents, duration.Duration(r.MinAgreed)})
}

// UnmarshalJSON implements json.Unmarshaler, strictly (see SLO.UnmarshalJSON);
// Validate and Status check the values.
func (r *BurnRule) UnmarshalJSON(b []byte) error {
	var j burnRuleJSON
	if err := invalid.Decode(b, &j, ErrInvalid); err != nil {
		return err
	}
	*r = BurnRule{j.Severity, time.Duration(j.Long), time.Duration(j.Short), j.Factor, j.MinEvents, time.Duration(j.MinAgreed)}
	return nil
}

// Validate reports the first invalid field of r as a *FieldError wrapping
// ErrInvalid.
func (r BurnRule) Validate() error {
	switch {
	case r.Severity != Page && r.Severity != Ticket:
		return fieldError("severity", r.Severity.String(), "must be page or ticket")
	case r.Short <= 0 || r.Long <= r.Short:
		return fieldError("short", r.Short.String(), "need 0 < short < long (long is "+r.Long.String()+")")
	case !(r.Factor > 0) || math.IsInf(r.Factor, 0):
		return fieldError("factor", formatFloat(r.Factor), "must be a positive number")
	}
	return validateGuard("", r.MinEvents, r.MinAgreed)
}

func validateRules(rules []BurnRule) error {
	for i, r := range rules {
		if err := r.Validate(); err != nil {
			return invalid.At("rules["+strconv.Itoa(i)+"]", err, ErrInvalid)
		}
	}
	return nil
}

// guard returns r with its low-traffic guard resolved for s: the rule's
// own, else the SLO's, else the default.
func (r BurnRule) guard(s SLO) BurnRule {
	if r.MinEvents == 0 {
		r.MinEvents = s.MinEvents
	}
	if r.MinEvents == 0 {
		// The ceiling of 1 / (factor x allowed), less a hair so that an
		// exact quotient that float arithmetic overshoots (1000.0000000002)
		// stays itself.
		r.MinEvents = math.Ceil(1/(r.Factor*(1-s.Target)) - 1e-9)
	}
	if r.MinAgreed == 0 {
		r.MinAgreed = s.MinAgreed
	}
	if r.MinAgreed == 0 {
		r.MinAgreed = r.Short
	}
	return r
}

// WorkbookRules returns the multiwindow, multi-burn-rate alerts of the
// Google SRE Workbook ("Alerting on SLOs", table 5-8) for a budget period:
//
//	page    long 1h, short 5m:  2% of the budget spent in 1 hour
//	page    long 6h, short 30m: 5% of the budget spent in 6 hours
//	ticket  long 3d, short 6h:  10% of the budget spent in 3 days
//
// The factor of each is that share of the budget times period / long: for
// the workbook's 30-day period, 14.4, 6 and 1. A calendar month counts as
// 30 days. The guards are left zero (the SLO's or the default apply).
func WorkbookRules(period Period) []BurnRule {
	p := period.nominal()
	rule := func(sev Severity, long, short time.Duration, percent int64) BurnRule {
		return BurnRule{Severity: sev, Long: long, Short: short, Factor: float64(percent) * float64(p) / (100 * float64(long))}
	}
	return []BurnRule{
		rule(Page, time.Hour, 5*time.Minute, 2),
		rule(Page, 6*time.Hour, 30*time.Minute, 5),
		rule(Ticket, 3*24*time.Hour, 6*time.Hour, 10),
	}
}
