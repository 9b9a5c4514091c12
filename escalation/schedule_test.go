package escalation_test

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func layer(name string, loc *time.Location, start string, handoff string, turn time.Duration, members ...string) escalation.Layer {
	d, err := date.ParseISO(start)
	if err != nil {
		panic(err)
	}
	h, err := calendar.ParseTimeOfDay(handoff)
	if err != nil {
		panic(err)
	}
	return escalation.Layer{Name: name, Location: loc, Start: d, Handoff: h, Turn: turn, Members: members}
}

func restricted(l escalation.Layer, week string) escalation.Layer {
	l.Restrictions = calendar.MustParseWeek(week)
	return l
}

func ranked(l escalation.Layer, r escalation.Rank) escalation.Layer {
	l.Rank = r
	return l
}

const (
	day  = 24 * time.Hour
	week = 7 * day
)

func TestResponders(t *testing.T) {
	local := func(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, ams) }
	s := rotation(t)
	tests := []struct {
		at   time.Time
		want escalation.Responders
	}{
		{local(2026, 3, 2, 8, 59), escalation.Responders{}},
		{local(2026, 3, 2, 9, 0), escalation.Responders{Primary: "ana", Secondary: "dan"}},
		{local(2026, 3, 3, 8, 59), escalation.Responders{Primary: "ana", Secondary: "dan"}},
		{local(2026, 3, 3, 9, 0), escalation.Responders{Primary: "ana", Secondary: "eva"}},
		{local(2026, 3, 9, 8, 59), escalation.Responders{Primary: "ana", Secondary: "dan"}},
		{local(2026, 3, 9, 9, 0), escalation.Responders{Primary: "ben", Secondary: "eva"}},
		{local(2026, 3, 16, 9, 0), escalation.Responders{Primary: "cem", Secondary: "dan"}},
		{local(2026, 3, 23, 9, 0), escalation.Responders{Primary: "ana", Secondary: "eva"}},
		{local(2027, 3, 1, 9, 0), escalation.Responders{Primary: "ben", Secondary: "dan"}}, // 52 weeks (52 mod 3 = 1), 364 days on
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, s.Responders(tt.at), "%s", tt.at)
		assert.Equal(t, tt.want, s.Responders(tt.at.UTC()), "any location of the instant")
	}
}

// Layers stack: the last layer that has someone wins; restrictions leave
// the lower layers showing; overrides beat every layer, and the later
// override beats the earlier.
func TestLayersRestrictionsOverrides(t *testing.T) {
	local := func(d, hh, mm int) time.Time { return time.Date(2026, 3, d, hh, mm, 0, 0, ams) }
	layers := []escalation.Layer{
		layer("days", ams, "2026-03-02", "09:00", week, "ana", "ben"),
		restricted(layer("nights", ams, "2026-03-02", "18:00", day, "nils", "noa"), "Mon-Sun 18:00-08:00"),
		restricted(layer("weekends", ams, "2026-02-28", "10:00", week, "wim"), "Sat-Sun 00:00-24:00"),
		ranked(layer("backup", ams, "2026-03-02", "09:00", week, "ben", "ben", "cem"), escalation.Secondary),
	}
	s, err := escalation.NewSchedule("ops", layers, escalation.WithOverrides(
		escalation.Override{Person: "olga", Start: local(4, 12, 0), End: local(4, 14, 0)},
		escalation.Override{Person: "otto", Start: local(4, 13, 0), End: local(4, 15, 0)},
		escalation.Override{Rank: escalation.Secondary, Person: "sam", Start: local(5, 0, 0), End: local(6, 0, 0)},
	), escalation.WithRequired(escalation.Primary, escalation.Secondary))
	require.NoError(t, err)
	tests := []struct {
		at   time.Time
		want escalation.Responders
	}{
		{local(2, 10, 0), escalation.Responders{"ana", "ben"}},
		{local(2, 18, 0), escalation.Responders{"nils", "ben"}},
		{local(3, 7, 59), escalation.Responders{"nils", "ben"}},
		{local(3, 8, 0), escalation.Responders{"ana", "ben"}},
		{local(3, 18, 0), escalation.Responders{"noa", "ben"}},
		{local(4, 12, 0), escalation.Responders{"olga", "ben"}},
		{local(4, 13, 0), escalation.Responders{"otto", "ben"}},
		{local(4, 14, 59), escalation.Responders{"otto", "ben"}},
		{local(4, 15, 0), escalation.Responders{"ana", "ben"}},
		{local(5, 12, 0), escalation.Responders{"ana", "sam"}},
		{local(7, 12, 0), escalation.Responders{"wim", "ben"}},
		{local(8, 23, 0), escalation.Responders{"wim", "ben"}},
		{local(9, 0, 0), escalation.Responders{"nils", "ben"}}, // Sunday's night turn, past the weekend
		{local(9, 9, 0), escalation.Responders{"ben", ""}},     // ben is primary and secondary: a gap
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, s.Responders(tt.at), "%s", tt.at)
	}

	var gaps []escalation.Gap
	for g := range s.Gaps(local(10, 6, 0), local(10, 20, 0)) {
		gaps = append(gaps, g)
	}
	// Tuesday of week 2: ben has the days and the backup; the nights
	// (until 08:00, from 18:00) make the backup count again.
	assert.Equal(t, []escalation.Gap{{Rank: escalation.Secondary, Start: local(10, 8, 0), End: local(10, 18, 0)}}, gaps)
}

// Handoffs keep their wall time across daylight-saving changes.
func TestHandoffsAcrossDST(t *testing.T) {
	t.Run("daily 09:00 in Amsterdam across spring forward", func(t *testing.T) {
		s, err := escalation.NewSchedule("ops", []escalation.Layer{layer("daily", ams, "2026-03-27", "09:00", day, "a", "b", "c")})
		require.NoError(t, err)
		var got []string
		for sh := range s.Shifts(time.Date(2026, 3, 27, 9, 0, 0, 0, ams), time.Date(2026, 3, 31, 9, 0, 0, 0, ams)) {
			got = append(got, sh.Person+" "+sh.Start.UTC().Format("01-02 15:04")+" "+sh.End.Sub(sh.Start).String())
		}
		assert.Equal(t, []string{"a 03-27 08:00 24h0m0s", "b 03-28 08:00 23h0m0s", "c 03-29 07:00 24h0m0s", "a 03-30 07:00 24h0m0s"}, got)
	})
	t.Run("handoff inside the New York gap is at its end", func(t *testing.T) {
		s, err := escalation.NewSchedule("ops", []escalation.Layer{layer("daily", nyc, "2026-03-06", "02:30", day, "a", "b")})
		require.NoError(t, err)
		// 7 March 02:30 EST is b's; 8 March has no 02:30, so the handoff
		// back to a is at 03:00 EDT (07:00 UTC).
		assert.Equal(t, "b", s.Responders(time.Date(2026, 3, 8, 6, 59, 59, 0, time.UTC)).Primary)
		assert.Equal(t, "a", s.Responders(time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC)).Primary)
		assert.Equal(t, "b", s.Responders(time.Date(2026, 3, 9, 6, 30, 0, 0, time.UTC)).Primary, "02:30 EDT")
	})
	t.Run("handoff in the New York overlap is at its first occurrence", func(t *testing.T) {
		s, err := escalation.NewSchedule("ops", []escalation.Layer{layer("daily", nyc, "2026-10-30", "01:30", day, "a", "b")})
		require.NoError(t, err)
		// 1 November: 01:30 EDT (05:30 UTC) hands to a; the second 01:30
		// (EST, 06:30 UTC) is no handoff, and the instants in between,
		// which read 01:00-01:30 again, stay a's.
		assert.Equal(t, "b", s.Responders(time.Date(2026, 11, 1, 5, 29, 59, 0, time.UTC)).Primary)
		assert.Equal(t, "a", s.Responders(time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)).Primary)
		assert.Equal(t, "a", s.Responders(time.Date(2026, 11, 1, 6, 15, 0, 0, time.UTC)).Primary, "reads 01:15 EST")
		assert.Equal(t, "a", s.Responders(time.Date(2026, 11, 1, 6, 45, 0, 0, time.UTC)).Primary)
		assert.Equal(t, "b", s.Responders(time.Date(2026, 11, 2, 6, 30, 0, 0, time.UTC)).Primary)
		var lengths []time.Duration
		for sh := range s.Shifts(time.Date(2026, 10, 31, 0, 0, 0, 0, nyc), time.Date(2026, 11, 3, 0, 0, 0, 0, nyc)) {
			lengths = append(lengths, sh.End.Sub(sh.Start))
		}
		assert.Equal(t, []time.Duration{time.Hour + 30*time.Minute, 24 * time.Hour, 25 * time.Hour, 22*time.Hour + 30*time.Minute}, lengths)
	})
	t.Run("12-hour turns at 08:00 and 20:00 wall time", func(t *testing.T) {
		s, err := escalation.NewSchedule("ops", []escalation.Layer{layer("halves", ams, "2026-10-24", "08:00", 12*time.Hour, "a", "b")})
		require.NoError(t, err)
		var got []string
		for sh := range s.Shifts(time.Date(2026, 10, 24, 8, 0, 0, 0, ams), time.Date(2026, 10, 26, 8, 0, 0, 0, ams)) {
			got = append(got, sh.Person+" "+sh.Start.In(ams).Format("02 15:04")+" "+sh.End.Sub(sh.Start).String())
		}
		assert.Equal(t, []string{"a 24 08:00 12h0m0s", "b 24 20:00 13h0m0s", "a 25 08:00 12h0m0s", "b 25 20:00 12h0m0s"}, got)
	})
}

// A seeded property test: the daily rotation's member at a random instant,
// computed by Responders in constant time, equals the count of 09:00
// handoffs so far, walked day by day; and Shifts agrees with Responders.
func TestRespondersAgainstWalk(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 6))
	for _, loc := range []*time.Location{ams, nyc, mustLoad("Australia/Sydney"), time.UTC} {
		s, err := escalation.NewSchedule("ops", []escalation.Layer{layer("daily", loc, "2025-01-01", "09:00", day, "a", "b", "c", "d", "e")})
		require.NoError(t, err)
		members := []string{"a", "b", "c", "d", "e"}
		first := time.Date(2025, 1, 1, 9, 0, 0, 0, loc)
		for i := 0; i < 300; i++ {
			u := first.Add(time.Duration(rng.Int64N(int64(3 * 365 * day))))
			turns := -1
			for d := first; !d.After(u); d = time.Date(d.Year(), d.Month(), d.Day()+1, 9, 0, 0, 0, loc) {
				turns++
			}
			assert.Equal(t, members[turns%5], s.Responders(u).Primary, "%s %s", loc, u)
		}
		from := time.Date(2026, 3, 20, 0, 0, 0, 0, loc)
		for sh := range s.Shifts(from, from.Add(20*day)) {
			assert.Equal(t, sh.Person, s.Responders(sh.Start).Primary)
			assert.Equal(t, sh.Person, s.Responders(sh.End.Add(-time.Second)).Primary)
		}
	}
}

func TestShiftsAndGaps(t *testing.T) {
	local := func(d, hh, mm int) time.Time { return time.Date(2026, 3, d, hh, mm, 0, 0, ams) }
	s, err := escalation.NewSchedule("ops", []escalation.Layer{
		restricted(layer("office", ams, "2026-03-02", "09:00", week, "ana"), "Mon-Fri 09:00-17:00"),
		ranked(layer("backup", ams, "2026-03-02", "00:00", day, "ben", "cem"), escalation.Secondary),
	}, escalation.WithOverrides(escalation.Override{Person: "olga", Start: local(3, 16, 0), End: local(3, 18, 0)}))
	require.NoError(t, err)

	var shifts []escalation.Shift
	for sh := range s.Shifts(local(3, 12, 0), local(4, 12, 0)) {
		shifts = append(shifts, sh)
	}
	assert.Equal(t, []escalation.Shift{
		{Rank: escalation.Primary, Person: "ana", Layer: "office", Start: local(3, 12, 0), End: local(3, 16, 0)},
		{Rank: escalation.Primary, Person: "olga", Override: true, Start: local(3, 16, 0), End: local(3, 18, 0)},
		{Rank: escalation.Primary, Person: "ana", Layer: "office", Start: local(4, 9, 0), End: local(4, 12, 0)},
		{Rank: escalation.Secondary, Person: "cem", Layer: "backup", Start: local(3, 12, 0), End: local(4, 0, 0)},
		{Rank: escalation.Secondary, Person: "ben", Layer: "backup", Start: local(4, 0, 0), End: local(4, 12, 0)},
	}, shifts)

	var gaps []escalation.Gap
	for g := range s.Gaps(local(3, 12, 0), local(4, 12, 0)) {
		gaps = append(gaps, g)
	}
	assert.Equal(t, []escalation.Gap{{Rank: escalation.Primary, Start: local(3, 18, 0), End: local(4, 9, 0)}}, gaps, "the primary only by default")

	// Early stop, empty and reversed ranges.
	n := 0
	for range s.Shifts(local(1, 0, 0), local(30, 0, 0)) {
		n++
		if n == 2 {
			break
		}
	}
	assert.Equal(t, 2, n)
	assert.Empty(t, slices.Collect(s.Shifts(local(4, 0, 0), local(3, 0, 0))))
	assert.Empty(t, slices.Collect(s.Gaps(local(4, 0, 0), local(4, 0, 0))))
}

func TestScheduleErrors(t *testing.T) {
	good := layer("l", ams, "2026-03-02", "09:00", day, "a")
	mod := func(f func(*escalation.Layer)) []escalation.Layer {
		l := good
		l.Members = []string{"a"}
		f(&l)
		return []escalation.Layer{l}
	}
	tests := []struct {
		name   string
		sched  string
		layers []escalation.Layer
		opts   []escalation.ScheduleOption
		field  string
	}{
		{"no name", "", []escalation.Layer{good}, nil, "name"},
		{"no layers", "s", nil, nil, "layers"},
		{"layer without name", "s", mod(func(l *escalation.Layer) { l.Name = "" }), nil, "layers[0].name"},
		{"two layers, one name", "s", []escalation.Layer{good, good}, nil, "layers[1].name"},
		{"no zone", "s", mod(func(l *escalation.Layer) { l.Location = nil }), nil, "layers[0].location"},
		{"no start", "s", mod(func(l *escalation.Layer) { l.Start = 0 }), nil, "layers[0].start"},
		{"short turn", "s", mod(func(l *escalation.Layer) { l.Turn = time.Minute }), nil, "layers[0].turn"},
		{"odd turn", "s", mod(func(l *escalation.Layer) { l.Turn = time.Hour + time.Second }), nil, "layers[0].turn"},
		{"no members", "s", mod(func(l *escalation.Layer) { l.Members = nil }), nil, "layers[0].members"},
		{"empty member", "s", mod(func(l *escalation.Layer) { l.Members = []string{"a", ""} }), nil, "layers[0].members[1]"},
		{"bad rank", "s", mod(func(l *escalation.Layer) { l.Rank = 5 }), nil, "layers[0].rank"},
		{"bad handoff", "s", mod(func(l *escalation.Layer) { l.Handoff = 24 * 3600 }), nil, "layers[0].handoff"},
		{"bad restriction", "s", mod(func(l *escalation.Layer) { l.Restrictions[1] = []calendar.Span{{Start: 3600, End: 3600}} }), nil, "layers[0].restrictions.week.mon[0]"},
		{"override without person", "s", []escalation.Layer{good}, []escalation.ScheduleOption{escalation.WithOverrides(escalation.Override{Start: t0, End: t0.Add(time.Hour)})}, "overrides[0].person"},
		{"reversed override", "s", []escalation.Layer{good}, []escalation.ScheduleOption{escalation.WithOverrides(escalation.Override{Person: "o", Start: t0, End: t0})}, "overrides[0].end"},
		{"bad required rank", "s", []escalation.Layer{good}, []escalation.ScheduleOption{escalation.WithRequired(7)}, "required[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := escalation.NewSchedule(tt.sched, tt.layers, tt.opts...)
			require.Error(t, err)
			assert.ErrorIs(t, err, escalation.ErrInvalidSchedule)
			var fe *escalation.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.field, fe.Path)
		})
	}
}

func TestScheduleJSON(t *testing.T) {
	local := func(d, hh int) time.Time { return time.Date(2026, 3, d, hh, 0, 0, 0, ams) }
	s, err := escalation.NewSchedule("ops", []escalation.Layer{
		layer("days", ams, "2026-03-02", "09:00", week, "ana", "ben"),
		restricted(layer("nights", nyc, "2026-03-02", "18:00", day, "nils"), "Mon-Sun 18:00-08:00"),
		ranked(layer("backup", ams, "2026-03-02", "09:00", week, "cem"), escalation.Secondary),
	}, escalation.WithOverrides(escalation.Override{Person: "olga", Start: local(4, 12), End: local(4, 14)}),
		escalation.WithRequired(escalation.Primary, escalation.Secondary))
	require.NoError(t, err)
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"ops","layers":[
		{"name":"days","location":"Europe/Amsterdam","start":"2026-03-02","handoff":"09:00","turn":"168h0m0s","members":["ana","ben"]},
		{"name":"nights","location":"America/New_York","start":"2026-03-02","handoff":"18:00","turn":"24h0m0s","members":["nils"],"restrictions":"Mon-Sun 18:00-08:00"},
		{"name":"backup","rank":"secondary","location":"Europe/Amsterdam","start":"2026-03-02","handoff":"09:00","turn":"168h0m0s","members":["cem"]}],
		"overrides":[{"person":"olga","start":"2026-03-04T12:00:00+01:00","end":"2026-03-04T14:00:00+01:00"}],
		"required":["primary","secondary"]}`, string(b))

	var back escalation.Schedule
	require.NoError(t, json.Unmarshal(b, &back))
	again, err := json.Marshal(&back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(again))
	for h := 0; h < 14*24; h += 5 {
		at := local(1, 0).Add(time.Duration(h) * time.Hour)
		assert.Equal(t, s.Responders(at), back.Responders(at))
	}
	assert.ErrorContains(t, json.Unmarshal(b, &back), "needs a new Schedule")

	// ISO 8601 turns, the default requirement, and errors.
	var iso escalation.Schedule
	require.NoError(t, json.Unmarshal([]byte(`{"name":"x","layers":[{"name":"l","location":"UTC","start":"2026-01-01","handoff":"00:00","turn":"P1W","members":["a"]}]}`), &iso))
	assert.Equal(t, week, iso.Layers()[0].Turn)
	assert.Equal(t, []escalation.Rank{escalation.Primary}, iso.Required())
	for _, doc := range []string{
		`{"name":"x","layers":[{"name":"l","location":"Mars/Olympus","start":"2026-01-01","handoff":"00:00","turn":"24h","members":["a"]}]}`,
		`{"name":"x","layers":[{"name":"l","location":"Local","start":"2026-01-01","handoff":"00:00","turn":"24h","members":["a"]}]}`,
		`{"name":"x","layers":[{"name":"l","location":"UTC","start":"2026-01-01","handoff":"00:00","turn":"24h","members":["a"],"restrictions":"Someday 09:00-10:00"}]}`,
		`{"name":"x","layers":[{"name":"l","location":"UTC","start":"2026-01-01","handoff":"00:00","turn":"24h","members":["a"],"rank":"tertiary"}]}`,
		`{"name":"x","layers":[{"name":"l","location":"UTC","start":"2026-01-01","handoff":"00:00","turn":"24h","members":["a"],"colour":"red"}]}`,
		`{"name":"x","layers":[]}`,
	} {
		var bad escalation.Schedule
		assert.Error(t, json.Unmarshal([]byte(doc), &bad), doc)
	}

	_, err = json.Marshal(escalation.Layer{Name: "l", Location: time.FixedZone("X", 3600)})
	assert.ErrorIs(t, err, escalation.ErrInvalidSchedule)
}
