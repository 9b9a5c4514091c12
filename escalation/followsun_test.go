package escalation_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/go-itsm/itsm/escalation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// followTheSun has three primary layers, in this order: a holiday and
// weekend cover (olga, on call all day on the Dutch office's holidays),
// New York office hours (nils, noa daily) and Amsterdam office hours (ana,
// ben daily, off on the Dutch holidays, ending on 1 May 2026). The offices
// overlap from 13:00 to 17:00 UTC in early March, and from 12:00 after New
// York moves to summer time on 8 March, three weeks before Amsterdam.
func followTheSun(t testing.TB, opts ...escalation.ScheduleOption) *escalation.Schedule {
	t.Helper()
	cover := restricted(layer("cover", ams, "2026-03-02", "00:00", week, "olga"), "Sat-Sun 00:00-24:00")
	cover.Holidays, cover.OnHolidays = dutchOffice(t), escalation.OnOnHolidays
	emea := restricted(layer("emea", ams, "2026-03-02", "08:00", day, "ana", "ben"), "Mon-Fri 08:00-18:00")
	emea.Holidays, emea.End = dutchOffice(t), time.Date(2026, 5, 1, 0, 0, 0, 0, ams)
	amer := restricted(layer("amer", nyc, "2026-03-02", "08:00", day, "nils", "noa"), "Mon-Fri 08:00-18:00")
	s, err := escalation.NewSchedule("sun", []escalation.Layer{cover, amer, emea}, opts...)
	require.NoError(t, err)
	return s
}

// Follow-the-sun: the precedence rule decides between overlapping regional
// layers; layers end; restrictions follow a calendar's holidays.
func TestFollowTheSun(t *testing.T) {
	utc := func(mo time.Month, d, hh, mm int) time.Time { return time.Date(2026, mo, d, hh, mm, 0, 0, time.UTC) }
	tests := []struct {
		name                     string
		at                       time.Time
		last, first, latestStart string
	}{
		{"Amsterdam alone in the morning", utc(3, 4, 7, 30), "ana", "ana", "ana"},
		{"12:30 UTC, New York not yet in (07:30 EST)", utc(3, 4, 12, 30), "ana", "ana", "ana"},
		{"overlap: New York came on at 13:00 UTC", utc(3, 4, 14, 0), "ana", "nils", "nils"},
		{"after New York's change to summer time it comes on at 12:00 UTC", utc(3, 11, 12, 30), "ben", "noa", "noa"},
		{"Good Friday morning: Amsterdam off, the holiday cover on", utc(4, 3, 10, 0), "olga", "olga", "olga"},
		{"Good Friday afternoon: New York works", utc(4, 3, 14, 0), "nils", "olga", "nils"},
		{"Saturday: the weekend cover", utc(4, 4, 10, 0), "olga", "olga", "olga"},
		{"the Amsterdam layer has ended: nobody", utc(5, 4, 10, 0), "", "", ""},
		{"New York still works after it", utc(5, 4, 14, 0), "noa", "noa", "noa"},
	}
	schedules := map[escalation.Precedence]*escalation.Schedule{
		escalation.LastLayer:   followTheSun(t),
		escalation.FirstLayer:  followTheSun(t, escalation.WithPrecedence(escalation.FirstLayer)),
		escalation.LatestStart: followTheSun(t, escalation.WithPrecedence(escalation.LatestStart)),
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.last, schedules[escalation.LastLayer].Responders(tt.at).Primary, "last_layer")
			assert.Equal(t, tt.first, schedules[escalation.FirstLayer].Responders(tt.at).Primary, "first_layer")
			assert.Equal(t, tt.latestStart, schedules[escalation.LatestStart].Responders(tt.at).Primary, "latest_start")
		})
	}

	// The end shows in the gaps: Friday 1 May 2026 has only New York
	// (12:00-22:00 UTC), then the weekend cover from Saturday 00:00 in
	// Amsterdam (22:00 UTC).
	var gaps []escalation.Gap
	for g := range schedules[escalation.LastLayer].Gaps(utc(5, 1, 0, 0), utc(5, 2, 0, 0)) {
		gaps = append(gaps, escalation.Gap{Rank: g.Rank, Start: g.Start.UTC(), End: g.End.UTC()})
	}
	assert.Equal(t, []escalation.Gap{{Start: utc(5, 1, 0, 0), End: utc(5, 1, 12, 0)}}, gaps)
	// Easter Monday: the cover all day, Amsterdam off.
	var shifts []string
	for sh := range schedules[escalation.LastLayer].Shifts(utc(4, 5, 22, 0), utc(4, 6, 22, 0)) {
		shifts = append(shifts, sh.Layer+" "+sh.Person+" "+sh.Start.UTC().Format("15:04")+"-"+sh.End.UTC().Format("15:04"))
	}
	assert.Equal(t, []string{"cover olga 22:00-12:00", "amer noa 12:00-22:00"}, shifts)
}

func TestFollowTheSunJSON(t *testing.T) {
	s := followTheSun(t, escalation.WithPrecedence(escalation.LatestStart))
	b, err := json.Marshal(s)
	require.NoError(t, err)
	var back escalation.Schedule
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, escalation.LatestStart, back.Precedence())
	for _, at := range []time.Time{time.Date(2026, 3, 4, 14, 0, 0, 0, time.UTC), time.Date(2026, 4, 3, 10, 0, 0, 0, time.UTC), time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)} {
		assert.Equal(t, s.Responders(at), back.Responders(at), "%s", at)
	}
	again, err := json.Marshal(&back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(again))
}

func TestFollowTheSunValidation(t *testing.T) {
	base := layer("l", ams, "2026-03-02", "08:00", day, "ana")
	for _, tt := range []struct {
		name string
		l    func() escalation.Layer
		opts []escalation.ScheduleOption
		want string
	}{
		{"end before the first handoff", func() escalation.Layer {
			l := base
			l.End = time.Date(2026, 3, 2, 8, 0, 0, 0, ams)
			return l
		}, nil, "layers[0].end"},
		{"on_holidays without holidays", func() escalation.Layer { l := base; l.OnHolidays = escalation.OnOnHolidays; return l }, nil, "layers[0].on_holidays"},
		{"unknown on_holidays", func() escalation.Layer { l := base; l.Holidays = dutchOffice(t); l.OnHolidays = "maybe"; return l }, nil, `layers[0].on_holidays "maybe"`},
		{"unknown precedence", func() escalation.Layer { return base }, []escalation.ScheduleOption{escalation.WithPrecedence("loudest")}, `precedence "loudest"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := escalation.NewSchedule("s", []escalation.Layer{tt.l()}, tt.opts...)
			require.ErrorIs(t, err, escalation.ErrInvalidSchedule)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
