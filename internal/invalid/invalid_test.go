package invalid_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var errBad = errors.New("pkg: invalid thing")
var errOther = errors.New("other: invalid word")

type inner struct {
	Goal  int    `json:"goal"`
	Label string `json:"label,omitempty"`
}

type level struct{ Word string }

func (l *level) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s != "high" && s != "low" {
		return &invalid.Error{Value: s, Reason: "unknown level", Err: errOther}
	}
	l.Word = s
	return nil
}

type level8 uint8

func (l *level8) UnmarshalJSON(b []byte) error {
	var n int
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	if n < 1 || n > 5 {
		return &invalid.Error{Value: string(b), Reason: "levels are 1 to 5", Err: errOther}
	}
	*l = level8(n)
	return nil
}

type outer struct {
	Levels  []level8         `json:"levels"`
	Name    string           `json:"name"`
	Targets []inner          `json:"targets"`
	Byname  map[string]inner `json:"byname"`
	Level   level            `json:"level"`
	At      time.Time        `json:"at"`
	Ptr     *inner           `json:"ptr"`
}

func TestDecode(t *testing.T) {
	tests := []struct {
		doc, path, value, reason string
		cause                    error
	}{
		{`{"name":"x","targets":[{"goal":1},{"gaol":2}]}`, "targets[1]", "", `unknown field "gaol" (known: goal, label)`, nil},
		{`{"nmae":"x"}`, "", "", `unknown field "nmae" (known: at, byname, level, levels, name, ptr, targets)`, nil},
		{`{"name":"x","name":"y"}`, "", "", `field "name" given twice`, nil},
		{`{"targets":[{"goal":"one"}]}`, "targets[0].goal", `"one"`, "want a whole number in range", nil},
		{`{"byname":{"office":{"goal":1,"x":2}}}`, "byname.office", "", `unknown field "x" (known: goal, label)`, nil},
		{`{"level":"mid"}`, "level", "mid", "unknown level", errOther},
		{`{"at":"yesterday"}`, "at", "", "", nil},
		{`{"ptr":{"goal":1,"y":1}}`, "ptr", "", `unknown field "y" (known: goal, label)`, nil},
		{`[1]`, "", "[1]", "want a JSON object", nil},
		{`{"name":"x"}}`, "", "", "data after the JSON object", nil},
		{`{"name":"x"} {}`, "", "", "data after the JSON object", nil},
		{`{"levels":[1,9]}`, "levels[1]", "9", "levels are 1 to 5", errOther},
		{`{"name":`, "name", "", "", nil},
		{`{"targets":[{"goal":1e400}]}`, "targets[0].goal", "", "", nil},
		{strings.Repeat(`{"ptr":`, 20000), "ptr", "", "", nil},
	}
	for _, tt := range tests {
		var v outer
		err := invalid.Decode([]byte(tt.doc), &v, errBad)
		require.Error(t, err, tt.doc)
		assert.ErrorIs(t, err, errBad, tt.doc)
		var e *invalid.Error
		require.ErrorAs(t, err, &e, tt.doc)
		assert.Equal(t, tt.path, e.Path, tt.doc)
		if tt.value != "" {
			assert.Equal(t, tt.value, e.Value, tt.doc)
		}
		if tt.reason != "" {
			assert.Equal(t, tt.reason, e.Reason, tt.doc)
		}
		if tt.cause != nil {
			assert.ErrorIs(t, err, tt.cause)
		}
		assert.True(t, strings.HasPrefix(err.Error(), "pkg: "), err.Error())
	}
	var v outer
	require.NoError(t, invalid.Decode([]byte(`{"name":"x","targets":[{"goal":1}],"byname":{"a":{"goal":2}},"level":"high","ptr":null}`), &v, errBad))
	assert.Equal(t, outer{Name: "x", Targets: []inner{{Goal: 1}}, Byname: map[string]inner{"a": {Goal: 2}}, Level: level{"high"}}, v)
}

func TestErrorMessage(t *testing.T) {
	e := &invalid.Error{Path: "policies[0].targets[1]", Reason: `unknown field "priorty"`, Err: errors.New("sla: invalid policy")}
	assert.Equal(t, `sla: policies[0].targets[1]: unknown field "priorty"`, e.Error())
	e = &invalid.Error{Path: "goal", Value: "-1h", Reason: "must be positive", Err: errors.New("sla: invalid policy")}
	assert.Equal(t, `sla: goal "-1h": must be positive`, e.Error())
	e = &invalid.Error{Value: "x", Reason: "unknown", Err: errBad}
	assert.Equal(t, `pkg: "x": unknown`, e.Error())
	wrapped := invalid.At("steps[2]", e, errors.New("esc: invalid policy"))
	assert.Equal(t, `esc: steps[2] "x": unknown`, wrapped.Error())
	assert.ErrorIs(t, wrapped, errBad, "the other package's sentinel is the cause")
}

func TestWords(t *testing.T) {
	w := invalid.Words{Type: "Kind", Words: []string{"", "sla", "ola"}}
	assert.Equal(t, "sla", w.String(1))
	assert.Equal(t, "", w.String(0))
	assert.Equal(t, "Kind(9)", w.String(9))
	b, err := w.Marshal(0, errBad)
	require.NoError(t, err)
	assert.Equal(t, "", string(b))
	_, err = w.Marshal(9, errBad)
	assert.ErrorIs(t, err, errBad)
	v, err := w.Parse("ola", errBad)
	require.NoError(t, err)
	assert.Equal(t, uint8(2), v)
	_, err = w.Parse("OLA", errBad)
	assert.ErrorIs(t, err, errBad)
	assert.Contains(t, err.Error(), "known: sla, ola")
	v, err = w.Parse("", errBad)
	require.NoError(t, err)
	assert.Equal(t, uint8(0), v)
	named := invalid.Words{Type: "State", Words: []string{"pending", "running"}}
	_, err = named.Parse("", errBad)
	assert.Error(t, err, "a zero value with a word does not parse from the empty string")
}

type word uint8

func (w *word) UnmarshalText(b []byte) error { *w = 1; return nil }

func TestWordWantsString(t *testing.T) {
	var v struct {
		W word `json:"w"`
	}
	err := invalid.Decode([]byte(`{"w":3}`), &v, errBad)
	var e *invalid.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "w", e.Path)
	assert.Equal(t, "want a string", e.Reason)
}
