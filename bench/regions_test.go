package bench

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	rat "github.com/rickar/cal/v2/at"
	rau "github.com/rickar/cal/v2/au"
	rbe "github.com/rickar/cal/v2/be"
	rbr "github.com/rickar/cal/v2/br"
	rca "github.com/rickar/cal/v2/ca"
	rch "github.com/rickar/cal/v2/ch"
	res "github.com/rickar/cal/v2/es"
	rfr "github.com/rickar/cal/v2/fr"
	rie "github.com/rickar/cal/v2/ie"
	rit "github.com/rickar/cal/v2/it"
	rjp "github.com/rickar/cal/v2/jp"
	rpl "github.com/rickar/cal/v2/pl"
	rse "github.com/rickar/cal/v2/se"
	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/at"
	"github.com/go-itsm/itsm/calendar/holidays/au"
	"github.com/go-itsm/itsm/calendar/holidays/be"
	"github.com/go-itsm/itsm/calendar/holidays/br"
	"github.com/go-itsm/itsm/calendar/holidays/ca"
	"github.com/go-itsm/itsm/calendar/holidays/ch"
	"github.com/go-itsm/itsm/calendar/holidays/es"
	"github.com/go-itsm/itsm/calendar/holidays/fr"
	"github.com/go-itsm/itsm/calendar/holidays/ie"
	"github.com/go-itsm/itsm/calendar/holidays/it"
	"github.com/go-itsm/itsm/calendar/holidays/jp"
	"github.com/go-itsm/itsm/calendar/holidays/pl"
	"github.com/go-itsm/itsm/calendar/holidays/se"
)

// regionDiff is a day that one library's set has and the other's lacks.
type regionDiff struct {
	day       date.Date
	name      string
	onlyItsm  bool
	explained string // why, from bench/README.md; "" when unexplained
}

// regions pairs each itsm regional set with rickar/cal's, and explains the
// days on which they are known to differ (bench/README.md lists them).
// Where rickar has no list for the whole country, rickar is nil and
// regionStates has its lists per state.
var regions = []struct {
	code    string
	itsm    calendar.Holidays
	rickar  []*cal.Holiday
	explain func(d regionDiff) string
}{
	{"fr", fr.National(), rfr.Holidays, func(regionDiff) string { return "" }},
	{"it", it.National(), rit.Holidays, func(d regionDiff) string {
		_, m, day := d.day.Date()
		switch {
		case d.onlyItsm && m == time.October && day == 4 && d.day.Year() >= 2026:
			return "San Francesco d'Assisi is a national holiday again from 2026; rickar/cal v2.1.26 predates the law"
		case !d.onlyItsm && m == time.June && day == 2 && d.day.Year() < 2001:
			return "Festa della Repubblica was moved to the first Sunday of June from 1977 to 2000; rickar/cal keeps 2 June"
		}
		return ""
	}},
	{"at", at.National(), rat.Holidays, func(regionDiff) string { return "" }},
	{"pl", pl.National(), rpl.Holidays, func(d regionDiff) string {
		_, m, day := d.day.Date()
		e := calendar.EasterSunday(d.day.Year())
		switch {
		case d.onlyItsm && (d.day == e || d.day == e+49):
			return "Easter Sunday and Whit Sunday are statutory holidays (on Sundays); rickar/cal leaves them out"
		case !d.onlyItsm && m == time.January && day == 6 && d.day.Year() < 2011:
			return "Epiphany is a public holiday from 2011; rickar/cal has it in every year"
		}
		return ""
	}},
	{"be", be.National(), rbe.Holidays, func(regionDiff) string { return "" }},
	{"se", se.National(), rse.Holidays, func(d regionDiff) string {
		_, m, day := d.day.Date()
		e := calendar.EasterSunday(d.day.Year())
		switch {
		case d.onlyItsm && (d.day == e || d.day == e+49):
			return "Easter Sunday and Whit Sunday are statutory holidays (on Sundays); rickar/cal defines them but leaves them out of se.Holidays"
		case d.onlyItsm && d.day == e+50 && d.day.Year() <= 2004:
			return "Whit Monday was a holiday until 2004 (replaced by the National Day); rickar/cal does not have it"
		case !d.onlyItsm && m == time.June && day == 6 && d.day.Year() < 2005:
			return "the National Day is a holiday from 2005; rickar/cal has it in every year"
		}
		return ""
	}},
	{"es", es.National(), res.Holidays, func(regionDiff) string { return "" }},
	{"ch-zh", ch.Zurich(), rch.HolidaysZH, func(regionDiff) string { return "" }},
	{"ca", ca.PublicService(), rca.Holidays, func(regionDiff) string { return "" }},
	{"ie", ie.National(), rie.Holidays, func(regionDiff) string { return "" }},
	{"jp", jp.National(), rjp.Holidays, func(d regionDiff) string {
		switch y := d.day.Year(); {
		case y < 2007 || y > 2099:
			return "outside the years the jp set is accurate for (2007-2099)"
		case d.onlyItsm && d.name == "国民の休日":
			return "a weekday between two holidays; rickar/cal lists these only up to 2032"
		}
		return ""
	}},
	{"au", au.National(), nil, func(d regionDiff) string {
		_, m, day := d.day.Date()
		wd := d.day.Weekday()
		switch {
		case d.onlyItsm && m == time.April && day == 25 && (wd == time.Saturday || wd == time.Sunday):
			return "Anzac Day on a weekend: rickar's WA and ACT lists (and QLD, SA, NT for a Sunday) observe the Monday instead, so no date is common to all eight; itsm keeps 25 April with no substitute, as NSW, Vic and Tas do"
		}
		return ""
	}},
	{"au-wa-act", au.National(au.WithAnzacDayMondayAfterWeekend()), nil, func(d regionDiff) string {
		_, m, day := d.day.Date()
		if !d.onlyItsm && m == time.June && day <= 2 && d.day.Year() >= 2018 {
			return "Western Australia Day (first Monday in June) and the ACT's Reconciliation Day (the Monday on or after 27 May) fall on the same Monday when it is 1 or 2 June: two state days, not a common one"
		}
		return ""
	}},
	{"au-qld-sa-nt", au.National(au.WithAnzacDayMondayAfterSunday()), nil, func(d regionDiff) string {
		if !d.onlyItsm && d.day == calendar.EasterSunday(d.day.Year())-1 {
			return "Easter Saturday is a public holiday in Queensland, South Australia and the Northern Territory (on a Saturday), not in every state"
		}
		return ""
	}},
	{"br", br.National(), rbr.Holidays, func(d regionDiff) string {
		_, m, day := d.day.Date()
		e := calendar.EasterSunday(d.day.Year())
		switch {
		case !d.onlyItsm && (d.day == e-47 || d.day == e+60):
			return "Carnival Tuesday and Corpus Christi are optional days off (pontos facultativos), not holidays; br.WithCarnival has them"
		case !d.onlyItsm && m == time.November && day == 20 && d.day.Year() < 2024:
			return "20 November is a national holiday from 2024 (Lei 14.759/2023); rickar/cal has it in every year"
		}
		return ""
	}},
}

// regionStates holds rickar/cal's lists per state for the regions it has no
// national list for; the comparison is with the days every list observes.
var regionStates = map[string][][]*cal.Holiday{
	"au": {rau.HolidaysACT, rau.HolidaysNSW, rau.HolidaysNT, rau.HolidaysQLD,
		rau.HolidaysSA, rau.HolidaysTAS, rau.HolidaysVIC, rau.HolidaysWA},
	// The states whose Anzac Day substitute an option of au.National gives.
	"au-wa-act":    {rau.HolidaysWA, rau.HolidaysACT},
	"au-qld-sa-nt": {rau.HolidaysQLD, rau.HolidaysSA, rau.HolidaysNT},
}

// TestRegionsAgainstRickar compares each regional set with rickar/cal's
// rules for the same country over 2000-2100, day by day: the observed days
// off must be the same except where bench/README.md explains why not.
func TestRegionsAgainstRickar(t *testing.T) {
	week := calendar.MustParseWeek("Mon-Fri 09:00-17:00")
	for _, r := range regions {
		t.Run(r.code, func(t *testing.T) {
			mine := map[date.Date]string{}
			for hol := range r.itsm.Occurrences(date.New(2000, 1, 1), date.New(2101, 1, 1), week) {
				mine[hol.Observed] = hol.Name
			}
			var theirs map[date.Date]string
			peer(t, func() {
				states := regionStates[r.code]
				if states == nil {
					theirs = observedDays(r.rickar)
					return
				}
				// The days every state's list has: count the lists that
				// observe each day.
				seen := map[date.Date]int{}
				for _, list := range states {
					for d := range observedDays(list) {
						seen[d]++
					}
				}
				theirs = observedDays(states[0])
				for d := range theirs {
					if seen[d] < len(states) {
						delete(theirs, d)
					}
				}
			})
			var diffs []regionDiff
			for d, n := range mine {
				if _, ok := theirs[d]; !ok {
					diffs = append(diffs, regionDiff{day: d, name: n, onlyItsm: true})
				}
			}
			for d, n := range theirs {
				if _, ok := mine[d]; !ok {
					diffs = append(diffs, regionDiff{day: d, name: n})
				}
			}
			slices.SortFunc(diffs, func(a, b regionDiff) int { return int(a.day - b.day) })
			reasons := map[string]int{}
			for _, d := range diffs {
				d.explained = r.explain(d)
				side := "rickar only"
				if d.onlyItsm {
					side = "itsm only"
				}
				if d.explained == "" {
					t.Errorf("%s %s (%s): unexplained difference", d.day, d.name, side)
					continue
				}
				reasons[fmt.Sprintf("%s: %s", side, d.explained)]++
			}
			for why, n := range reasons {
				t.Logf("%d days, %s", n, why)
			}
			least := 101 * 8
			if strings.HasPrefix(r.code, "au") {
				// Seven days a year and the day of mourning of 2022; Anzac
				// Day is Easter Monday in 2011 and 2095 and, with the
				// options, has no day of its own in 2038.
				least = 101*7 + 1 - 3
			}
			if len(mine) < least {
				t.Errorf("only %d holidays in 2000-2100", len(mine))
			}
		})
	}
}

// observedDays returns the days rickar/cal's list observes in 2000-2100,
// with the name of a holiday observed on each.
func observedDays(list []*cal.Holiday) map[date.Date]string {
	out := map[date.Date]string{}
	for y := 2000; y <= 2100; y++ {
		for _, h := range list {
			_, obs := h.Calc(y)
			if obs.IsZero() {
				continue
			}
			yy, m, d := obs.Date()
			out[date.New(yy, m, d)] = h.Name
		}
	}
	return out
}
