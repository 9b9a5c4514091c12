package escalation_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/escalation"
)

// TestNamesInvalidUTF8 follows the FuzzParseICal finding of issue 20: a
// name with a bad byte would come back from JSON as U+FFFD, so NewSet and
// NewSchedule refuse it at construction.
func TestNamesInvalidUTF8(t *testing.T) {
	for _, c := range []struct {
		path string
		mod  func(*escalation.Policy)
	}{
		{"policies[0].name", func(p *escalation.Policy) { p.Name = "p\xd8" }},
		{"policies[0].steps[0].name", func(p *escalation.Policy) { p.Steps[0].Name = "\xd8" }},
		{"policies[0].steps[0].channel", func(p *escalation.Policy) { p.Steps[0].Channel = "ph\xffone" }},
	} {
		_, err := escalation.NewSet([]escalation.Policy{onePolicy(escalation.Trigger{After: time.Hour}, c.mod)})
		require.ErrorIs(t, err, escalation.ErrInvalidPolicy)
		var fe *escalation.FieldError
		require.ErrorAs(t, err, &fe)
		require.Equal(t, c.path, fe.Path)
		require.Contains(t, err.Error(), "not valid UTF-8")
	}
	_, err := escalation.NewSchedule("ops\xd8", []escalation.Layer{layer("daily", ams, "2026-03-27", "09:00", 24*time.Hour, "a")})
	require.ErrorIs(t, err, escalation.ErrInvalidSchedule)
	_, err = escalation.NewSchedule("ops", []escalation.Layer{layer("da\xc3", ams, "2026-03-27", "09:00", 24*time.Hour, "a")})
	require.ErrorIs(t, err, escalation.ErrInvalidSchedule)
	var fe *escalation.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "layers[0].name", fe.Path)
}
