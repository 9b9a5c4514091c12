package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/report"
)

// partials splits recs into parts accumulators (sizes drawn from rng, some
// possibly empty, one always empty), each serialised with the pipeline's
// coder, as the workers of a lifted combine send them to the merge.
func partials(t *testing.T, fn *ReportFn, recs []report.Record, parts int, rng *rand.Rand) [][]byte {
	t.Helper()
	cuts := []int{0, 0} // the first part is empty
	for range parts - 2 {
		cuts = append(cuts, rng.IntN(len(recs)+1))
	}
	cuts = append(cuts, len(recs))
	for i := 1; i < len(cuts); i++ { // sort the cuts
		for j := i; j > 0 && cuts[j] < cuts[j-1]; j-- {
			cuts[j], cuts[j-1] = cuts[j-1], cuts[j]
		}
	}
	var out [][]byte
	for i := 1; i < len(cuts); i++ {
		a, err := fn.CreateAccumulator()
		require.NoError(t, err)
		for _, r := range recs[cuts[i-1]:cuts[i]] {
			a, err = fn.AddInput(a, r)
			require.NoError(t, err)
		}
		b, err := encodeAccumulator(a)
		require.NoError(t, err)
		out = append(out, b)
	}
	return out
}

// oneAccumulator is the single-process reference: every record added to
// one accumulator, rendered.
func oneAccumulator(t *testing.T, fn *ReportFn, recs []report.Record) Rendered {
	t.Helper()
	a, err := fn.CreateAccumulator()
	require.NoError(t, err)
	for _, r := range recs {
		a, err = fn.AddInput(a, r)
		require.NoError(t, err)
	}
	out, err := fn.ExtractOutput(a)
	require.NoError(t, err)
	return out
}

func TestReportFnMergesSerialisedPartials(t *testing.T) {
	set := testSettings(t)
	fn := &ReportFn{Settings: set}
	d, err := newDesk(set)
	require.NoError(t, err)
	recs := testRecords(t, d, 600, 7)
	want := oneAccumulator(t, fn, recs)
	require.Contains(t, string(want.JSON), `"opened"`)

	rng := rand.New(rand.NewPCG(3, 4))
	for _, parts := range []int{2, 3, 5, 9} {
		encoded := partials(t, fn, recs, parts, rng)
		// Merge in a shuffled order, left to right, as a runner that
		// merges as partials arrive does.
		rng.Shuffle(len(encoded), func(i, j int) { encoded[i], encoded[j] = encoded[j], encoded[i] })
		acc, err := decodeAccumulator(encoded[0])
		require.NoError(t, err)
		for _, b := range encoded[1:] {
			other, err := decodeAccumulator(b)
			require.NoError(t, err)
			acc, err = fn.MergeAccumulators(acc, other)
			require.NoError(t, err)
		}
		got, err := fn.ExtractOutput(acc)
		require.NoError(t, err)
		assert.Equal(t, string(want.JSON), string(got.JSON), "%d partials", parts)
		assert.True(t, bytes.Equal(want.Text, got.Text), "%d partials: text", parts)
		assert.True(t, bytes.Equal(want.HTML, got.HTML), "%d partials: html", parts)
	}
}

func TestReportFnOrderIndependent(t *testing.T) {
	set := testSettings(t)
	fn := &ReportFn{Settings: set}
	d, err := newDesk(set)
	require.NoError(t, err)
	recs := testRecords(t, d, 300, 11)
	want := oneAccumulator(t, fn, recs)
	for seed := range uint64(5) {
		rng := rand.New(rand.NewPCG(seed, 99))
		shuffled := append([]report.Record(nil), recs...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		// A merge tree: pairs of partials merged level by level, each
		// intermediate result crossing the coder again.
		level := partials(t, fn, shuffled, 6, rng)
		for len(level) > 1 {
			var next [][]byte
			for i := 0; i < len(level); i += 2 {
				if i+1 == len(level) {
					next = append(next, level[i])
					continue
				}
				a, err := decodeAccumulator(level[i+1]) // right into left: the other way round
				require.NoError(t, err)
				b, err := decodeAccumulator(level[i])
				require.NoError(t, err)
				m, err := fn.MergeAccumulators(a, b)
				require.NoError(t, err)
				enc, err := encodeAccumulator(m)
				require.NoError(t, err)
				next = append(next, enc)
			}
			level = next
		}
		acc, err := decodeAccumulator(level[0])
		require.NoError(t, err)
		got, err := fn.ExtractOutput(acc)
		require.NoError(t, err)
		require.Equal(t, string(want.JSON), string(got.JSON), "seed %d", seed)
	}
}

func TestAccumulatorCoderRefusesCorruptBytes(t *testing.T) {
	set := testSettings(t)
	fn := &ReportFn{Settings: set}
	d, err := newDesk(set)
	require.NoError(t, err)
	a, err := fn.CreateAccumulator()
	require.NoError(t, err)
	for _, r := range testRecords(t, d, 20, 5) {
		_, err = fn.AddInput(a, r)
		require.NoError(t, err)
	}
	good, err := encodeAccumulator(a)
	require.NoError(t, err)
	_, err = decodeAccumulator(good)
	require.NoError(t, err)

	refused := func(name string, b []byte) {
		t.Helper()
		got, err := decodeAccumulator(b)
		assert.Nil(t, got, name)
		if assert.Error(t, err, name) {
			assert.ErrorIs(t, err, report.ErrInvalidEncoding, name)
			assert.Contains(t, err.Error(), "report", name)
		}
	}
	refused("nil", nil)
	refused("three bytes", []byte{1, 2, 3})
	refused("garbage", bytes.Repeat([]byte("not an accumulator "), 20))
	for _, n := range []int{1, 4, 5, len(good) / 2, len(good) - 1} {
		refused("truncated", good[:len(good)-n])
	}
	// Every single flipped bit is caught by the checksum.
	for i := range good {
		flipped := bytes.Clone(good)
		flipped[i] ^= 1 << (i % 8)
		refused("flipped bit", flipped)
	}
	// Beneath the checksum, the SDK refuses bytes MarshalBinary did not
	// write: a truncated body with a checksum that matches it.
	body := good[:len(good)-4]
	for _, cut := range []int{1, 10, len(body) / 3} {
		short := bytes.Clone(body[:len(body)-cut])
		refused("truncated body", binary.BigEndian.AppendUint32(short, crc32.Checksum(short, crcTable)))
	}
	// The accumulator's bytes with a wrong trailer are corrupt, not
	// another accumulator.
	_, err = decodeAccumulator(append(bytes.Clone(body), 0, 0, 0, 0))
	assert.ErrorIs(t, err, ErrCorruptAccumulator)
}

func TestMergeAccumulatorsRefusesAnotherSpec(t *testing.T) {
	set := testSettings(t)
	other := set
	other.To = set.To.Add(-24 * time.Hour)
	a, err := (&ReportFn{Settings: set}).CreateAccumulator()
	require.NoError(t, err)
	b, err := (&ReportFn{Settings: other}).CreateAccumulator()
	require.NoError(t, err)
	_, err = (&ReportFn{Settings: set}).MergeAccumulators(a, b)
	assert.ErrorIs(t, err, report.ErrIncompatible)
}

func TestReportFnEmpty(t *testing.T) {
	// A combine over no records (an empty input) still renders a report:
	// ExtractOutput(CreateAccumulator()), with zero counts.
	fn := &ReportFn{Settings: testSettings(t)}
	a, err := fn.CreateAccumulator()
	require.NoError(t, err)
	r, err := fn.ExtractOutput(a)
	require.NoError(t, err)
	assert.Contains(t, string(r.Text), "opened")
	assert.NotEmpty(t, r.HTML)
}

func TestReportFnRefusesAnEmptyPeriod(t *testing.T) {
	set := testSettings(t)
	set.To = set.From
	_, err := (&ReportFn{Settings: set}).CreateAccumulator()
	assert.ErrorContains(t, err, "beamreport: the period")
}

func TestRecordAndRenderedCodersRoundTrip(t *testing.T) {
	d, err := newDesk(testSettings(t))
	require.NoError(t, err)
	for _, r := range testRecords(t, d, 30, 2) {
		b, err := encodeRecord(r)
		require.NoError(t, err)
		back, err := decodeRecord(b)
		require.NoError(t, err)
		b2, err := encodeRecord(back)
		require.NoError(t, err)
		require.Equal(t, string(b), string(b2))
	}
	r := Rendered{Text: []byte("t"), JSON: []byte("{}"), HTML: nil}
	back, err := decodeRendered(encodeRendered(r))
	require.NoError(t, err)
	assert.Equal(t, "t", string(back.Text))
	assert.Equal(t, "{}", string(back.JSON))
	assert.Empty(t, back.HTML)
	enc := encodeRendered(r)
	for n := 1; n <= len(enc); n++ {
		_, err := decodeRendered(enc[:len(enc)-n])
		assert.ErrorIs(t, err, errBadRendered)
	}
	_, err = decodeRendered(append(enc, 0))
	assert.True(t, errors.Is(err, errBadRendered))
}
