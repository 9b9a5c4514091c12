package sla

import (
	"errors"
	"testing"

	"github.com/go-itsm/itsm/calendar"

	"github.com/stretchr/testify/require"
)

// TestPolicyInvalidUTF8 follows the FuzzParseICal finding of issue 20: a
// name with a bad byte would come back from JSON as U+FFFD, so NewSet
// refuses it at construction.
func TestPolicyInvalidUTF8(t *testing.T) {
	for _, c := range []struct {
		path string
		mod  func(*Policy)
	}{
		{"policies[0].name", func(p *Policy) { p.Name = "gold\xd8" }},
		{"policies[0].group", func(p *Policy) { p.Kind, p.Group = OLA, "\xff" }},
	} {
		p := standard()
		c.mod(&p)
		always, err := calendar.New(ams, calendar.MustParseWeek("Mon-Sun 00:00-24:00"))
		require.NoError(t, err)
		_, err = NewSet([]Policy{p}, WithCalendars(map[string]*calendar.Calendar{"office": always, "24x7": always}))
		require.True(t, errors.Is(err, ErrInvalidPolicy), "%v", err)
		var fe *FieldError
		require.ErrorAs(t, err, &fe)
		require.Equal(t, c.path, fe.Path)
		require.Contains(t, err.Error(), "not valid UTF-8")
	}
}
