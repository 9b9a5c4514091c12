package report_test

import (
	"encoding"
	"testing"

	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The one rule of the SDK's enumerations, for each of the package's: a
// word round-trips; the zero value without a word is ""; an unknown value
// prints as Type(n) and fails to marshal, an unknown word fails to parse
// listing the words, both with ErrUnknownWord and no other sentinel.
func TestWords(t *testing.T) {
	type word interface {
		encoding.TextMarshaler
		String() string
	}
	tests := []struct {
		name    string
		known   word
		want    string
		zero    word
		zeroIs  string // the zero value's word
		unknown word
		parse   func([]byte) (word, error)
	}{
		{"BucketSize", report.Week, "week", report.Whole, "period", report.BucketSize(9),
			func(b []byte) (word, error) { var v report.BucketSize; err := v.UnmarshalText(b); return v, err }},
		{"Family", report.FamilySLA, "sla", report.Family(0), "", report.Family(9),
			func(b []byte) (word, error) { var v report.Family; err := v.UnmarshalText(b); return v, err }},
		{"Unit", report.UnitDuration, "duration", report.Unit(0), "", report.Unit(9),
			func(b []byte) (word, error) { var v report.Unit; err := v.UnmarshalText(b); return v, err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.known.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(b))
			back, err := tt.parse(b)
			require.NoError(t, err)
			assert.Equal(t, tt.known, back)

			b, err = tt.zero.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tt.zeroIs, string(b))
			assert.Equal(t, tt.zeroIs, tt.zero.String())
			back, err = tt.parse(b)
			require.NoError(t, err)
			assert.Equal(t, tt.zero, back)

			assert.Equal(t, tt.name+"(9)", tt.unknown.String())
			_, err = tt.unknown.MarshalText()
			assert.ErrorIs(t, err, report.ErrUnknownWord)

			_, err = tt.parse([]byte("nonsense"))
			require.ErrorIs(t, err, report.ErrUnknownWord)
			var fe *report.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, "nonsense", fe.Value)
			assert.Contains(t, err.Error(), "report: \"nonsense\": unknown "+tt.name+" (known: ")
			assert.Contains(t, err.Error(), tt.want)
			for _, other := range []error{report.ErrInvalidSpec, report.ErrInvalidReport, report.ErrInvalidRecord} {
				assert.NotErrorIs(t, err, other, "a word has no other sentinel")
			}
		})
	}
	var b report.BucketSize
	assert.ErrorIs(t, b.UnmarshalText(nil), report.ErrUnknownWord, `"" is not a bucket size`)
}
