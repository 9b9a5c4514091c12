package duration

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"4h30m", 4*time.Hour + 30*time.Minute},
		{"-1.5h", -90 * time.Minute},
		{"0", 0},
		{"90s", 90 * time.Second},
		{"PT4H30M", 4*time.Hour + 30*time.Minute},
		{"pt4h30m", 4*time.Hour + 30*time.Minute},
		{"P1D", 24 * time.Hour},
		{"P1DT2H", 26 * time.Hour},
		{"P2W", 14 * 24 * time.Hour},
		{"PT0S", 0},
		{"P0D", 0},
		{"PT1.5H", 90 * time.Minute},
		{"PT0,5S", 500 * time.Millisecond},
		{"PT.5S", 500 * time.Millisecond},
		{"PT1H0.25M", time.Hour + 15*time.Second},
		{"P1.5D", 36 * time.Hour},
		{"-PT30S", -30 * time.Second},
		{"+PT30S", 30 * time.Second},
		{"PT36H", 36 * time.Hour},
		{"PT0.000000001S", time.Nanosecond},
		{"PT1.0000000000000000000001S", time.Second},
		{"P1DT1H1M1S", 25*time.Hour + time.Minute + time.Second},
		{"PT2562047H47M16.854775807S", time.Duration(1<<63 - 1)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		in     string
		reason string
	}{
		{"", "empty"},
		{"-", "neither"},
		{"4", "neither"},
		{"4 h", "neither"},
		{"P", "no components after P"},
		{"PT", "no components"},
		{"P1DT", "T without time components"},
		{"P1Y", "years and months"},
		{"P1M", "years and months"},
		{"PT1H1H", "out of order or repeated"},
		{"PT1M1H", "out of order or repeated"},
		{"P1W1D", "weeks cannot be combined"},
		{"P1D1W", "out of order"},
		{"PT1.5H30M", "only the last component"},
		{"PT1", "number without designator"},
		{"PTH", "missing number"},
		{"P1DTT1H", "T appears twice"},
		{"PT1X", "unexpected designator"},
		{"P1H", "unexpected designator"},
		{"PT2562048H", "out of range"},
		{"P99999999999999999999999D", "out of range"},
		{"PT2562047H47M16.9S", "out of range"},
		{"P1000000W", "out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse(tt.in)
			require.Error(t, err)
			var de *invalid.Error
			require.True(t, errors.As(err, &de))
			assert.Equal(t, tt.in, de.Value)
			assert.Contains(t, de.Reason, tt.reason)
			assert.ErrorIs(t, err, ErrSyntax)
			assert.True(t, strings.HasPrefix(err.Error(), "duration: "), err.Error())
		})
	}
}

func TestDurationJSON(t *testing.T) {
	type cfg struct {
		Wait Duration `json:"wait"`
	}
	for _, in := range []string{`{"wait":"4h30m"}`, `{"wait":"PT4H30M"}`} {
		var c cfg
		require.NoError(t, json.Unmarshal([]byte(in), &c))
		assert.Equal(t, Duration(4*time.Hour+30*time.Minute), c.Wait)
		out, err := json.Marshal(c)
		require.NoError(t, err)
		assert.JSONEq(t, `{"wait":"4h30m0s"}`, string(out))
	}

	c := cfg{Wait: Duration(time.Minute)}
	require.NoError(t, json.Unmarshal([]byte(`{"wait":null}`), &c))
	assert.Equal(t, Duration(time.Minute), c.Wait, "null leaves the value unchanged")

	for _, bad := range []string{`{"wait":5}`, `{"wait":"P1M"}`, `{"wait":true}`, `{"wait":"5"}`} {
		err := json.Unmarshal([]byte(bad), &c)
		var de *invalid.Error
		assert.True(t, errors.As(err, &de), bad)
		assert.ErrorIs(t, err, ErrSyntax, bad)
	}
}

func TestDurationText(t *testing.T) {
	var d Duration
	require.NoError(t, d.UnmarshalText([]byte("P1W")))
	assert.Equal(t, "168h0m0s", d.String())
	b, err := d.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "168h0m0s", string(b))
	assert.Error(t, d.UnmarshalText([]byte("week")))
	assert.Equal(t, Duration(168*time.Hour), d, "a failed unmarshal keeps the value")
}

// FuzzParse checks that Parse never panics and that whatever it accepts is
// emitted in a form that parses back to the same value.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"4h30m", "PT4H30M", "P1DT2H", "P2W", "-PT1.5S", "P1Y", "PT", "1.5h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			var de *invalid.Error
			require.True(t, errors.As(err, &de))
			require.ErrorIs(t, err, ErrSyntax)
			return
		}
		back, err := Parse(d.String())
		require.NoError(t, err)
		require.Equal(t, d, back)
	})
}

func ExampleParse() {
	for _, s := range []string{"4h30m", "PT4H30M", "P1DT2H", "P2W"} {
		d, err := Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(s, "=", d)
	}
	_, err := Parse("P1M")
	fmt.Println(err)
	// Output:
	// 4h30m = 4h30m0s
	// PT4H30M = 4h30m0s
	// P1DT2H = 26h0m0s
	// P2W = 336h0m0s
	// duration: "P1M": years and months have no fixed length
}
